package dev.pullthrough.hook;

/** Something registered with the mirror's event loop: told which operations its channel is ready for. */
interface LoopChannel {
    /** Runs on the loop thread; must not block. */
    void ready(int readyOps);
}

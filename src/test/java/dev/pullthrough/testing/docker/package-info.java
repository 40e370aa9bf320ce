/**
 * End-to-end harness for the runner hook: real processes in short temp dirs under /tmp, nothing shared with the
 * machine's own Docker, everything stopped and deleted afterwards.
 * <ul>
 *   <li>{@link dev.pullthrough.testing.docker.PrivateDockerd}: a dockerd of its own (config file, data and exec root,
 *       socket, pid file, --debug log), the docker CLI and ctr against it, SIGHUP reloads, `docker info` mirrors.</li>
 *   <li>{@link dev.pullthrough.testing.docker.DistributionRegistry}: CNCF distribution as "Docker Hub" (plain) or as
 *       "ECR" (pull-through cache of it, Basic auth for user AWS with a 2 KB token); access logs parsed into
 *       {@link dev.pullthrough.testing.docker.AccessLogEntry}.</li>
 *   <li>{@link dev.pullthrough.testing.docker.RegistryStandIns} and {@link dev.pullthrough.testing.docker.ImageSeeder}:
 *       both registries with {@code hello:1} seeded offline (docker import of a busybox rootfs, push).</li>
 *   <li>{@link dev.pullthrough.testing.docker.EcrTokenStandIn}: GetAuthorizationToken (AWS JSON 1.1) on loopback,
 *       short-lived tokens, htpasswd rotation and revocation, failure modes, call counts.</li>
 *   <li>{@link dev.pullthrough.testing.docker.TestcontainersPull}: a GenericContainer in a child JVM aimed at one
 *       private dockerd.</li>
 *   <li>{@link dev.pullthrough.testing.docker.FileSnapshot}, {@link dev.pullthrough.testing.docker.ReadOnlyMount},
 *       {@link dev.pullthrough.testing.docker.RawHttp}: byte-exact file checks, read-only files, raw request probes.</li>
 * </ul>
 * Set {@code PT_KEEP_SCRATCH=1} to keep the temp dirs (daemon and registry logs) after a failure. Missing programs are
 * failures that name the apt package; bin/setup-test-env installs them.
 */
package dev.pullthrough.testing.docker;

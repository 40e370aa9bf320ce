package dev.pullthrough.cdktf.codegen;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/** Calls on classes compiled at test time (the test cannot name them): picks the public method the arguments fit. */
final class Reflect {
    private final Object target;

    private Reflect(Object target) {
        this.target = target;
    }

    static Reflect of(Object target) {
        return new Reflect(target);
    }

    /** A static method of the named class (loaded by the class loader the bindings live in). */
    static Reflect call(String className, String method, Object... args) {
        try {
            return new Reflect(invoke(Class.forName(className, true, Reflect.class.getClassLoader()), null, method, args));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    Reflect call(String method, Object... args) {
        return new Reflect(invoke(target.getClass(), target, method, args));
    }

    /** A builder setter: returns this same builder. */
    Reflect with(String setter, Object value) {
        invoke(target.getClass(), target, setter, value);
        return this;
    }

    Object target() {
        return target;
    }

    private static Object invoke(Class<?> type, Object on, String name, Object... args) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && fits(m.getParameterTypes(), args)
                    && Modifier.isStatic(m.getModifiers()) == (on == null)) {
                try {
                    return m.invoke(on, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new AssertionError(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no public " + name + Arrays.toString(args) + " on " + type.getName());
    }

    private static boolean fits(Class<?>[] params, Object[] args) {
        if (params.length != args.length) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            if (args[i] != null && !box(params[i]).isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> type) {
        return type == boolean.class ? Boolean.class : type == int.class ? Integer.class : type;
    }
}

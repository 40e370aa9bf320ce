package dev.pullthrough.cdktf.codegen;

import dev.pullthrough.cdktf.aws.AwsProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles one generated source in memory and defines its classes in the bindings package of the running class
 * loader, so they reach the package's runtime helpers (Attributes, Meta, Required) as the committed bindings do.
 */
final class InPackageCompiler {
    private InPackageCompiler() {
    }

    static Class<?> compile(String className, String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
        JavaFileManager files = new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(
                URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter errors = new StringWriter();
        List<String> options = List.of("-classpath", classPath, "--release", "17", "-Xlint:all", "-Werror");
        if (!javac.getTask(errors, files, null, options, null, List.of(unit)).call()) {
            throw new AssertionError("generated source does not compile:\n" + errors + "\n" + source);
        }
        MethodHandles.Lookup inPackage = MethodHandles.privateLookupIn(AwsProvider.class, MethodHandles.lookup());
        List<Class<?>> defined = new ArrayList<>();
        for (ByteArrayOutputStream bytes : classes.values()) {
            defined.add(inPackage.defineClass(bytes.toByteArray()));
        }
        return defined.stream().filter(c -> c.getName().equals(className)).findFirst().orElseThrow();
    }
}

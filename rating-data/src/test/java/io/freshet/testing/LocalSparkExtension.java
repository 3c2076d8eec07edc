package io.freshet.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The local Spark session of a test class: {@code local[2]}, no UI, 4 shuffle partitions, and the settings of
 * the class's {@link Settings}. A class annotated {@code @ExtendWith(LocalSparkExtension.class)} gets it as a
 * {@code SparkSession} parameter (of a {@code @BeforeAll}, {@code @BeforeEach} or test method); it starts when
 * first asked for and stops after the class's last test.
 */
public final class LocalSparkExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalSparkExtension.class);

    /** Spark settings of a test class, each "key=value". */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Settings {
        String[] value();
    }

    /** A session started by hand (a timing main outside JUnit): the same settings, stopped by the caller. */
    public static SparkSession start(Class<?> testClass, Map<String, String> settings) {
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4");
        settings.forEach(builder::config);
        return builder.getOrCreate();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(SparkSession.class, k -> new Session(start(testClass, settings(testClass))),
                        Session.class)
                .spark();
    }

    private static Map<String, String> settings(Class<?> testClass) {
        Settings settings = testClass.getAnnotation(Settings.class);
        if (settings == null) {
            return Map.of();
        }
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String setting : settings.value()) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(testClass.getSimpleName() + ": a Spark setting must be key=value, got: "
                        + setting);
            }
            map.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return map;
    }

    /** The session in the class's store, stopped when JUnit closes the store after the class. */
    private record Session(SparkSession spark) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            spark.stop();
        }
    }
}

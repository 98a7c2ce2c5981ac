package io.tierblog.app;

/** {@code java -jar tierblog.jar [serve|migrate|info|help]}. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Integer status = new Launcher(System.getenv(), System.out, System.err).run(args);
        if (status != null) {
            System.exit(status);
        }
    }
}

package io.tierblog.app;

import java.util.OptionalInt;

/** {@code java -jar tierblog.jar [serve|migrate|info|help]}. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        OptionalInt served = ClassArchive.runWithArchive(args);
        if (served.isPresent()) {
            System.exit(served.getAsInt());
            return;
        }
        ClassArchive.followStarter(System.getenv());
        Integer status = new Launcher(System.getenv(), System.out, System.err).run(args);
        if (status != null) {
            System.exit(status);
        }
    }
}

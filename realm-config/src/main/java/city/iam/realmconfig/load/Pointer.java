package city.iam.realmconfig.load;

/** JSON pointers (RFC 6901) for error messages. */
public final class Pointer {

    private Pointer() {
    }

    public static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    public static String index(String parent, int i) {
        return parent + "/" + i;
    }
}

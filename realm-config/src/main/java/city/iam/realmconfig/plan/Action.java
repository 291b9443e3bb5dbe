package city.iam.realmconfig.plan;

public enum Action {
    CREATE("+"), UPDATE("~"), DELETE("-");

    private final String sign;

    Action(String sign) {
        this.sign = sign;
    }

    public String sign() {
        return sign;
    }
}

package city.iam.realmconfig.validate;

import city.iam.realmconfig.load.DirectoryReader;
import city.iam.realmconfig.model.Problem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code validate DIR}: the file checks, then (on a readable directory) the cross-references. */
public final class Validator {

    private final DirectoryReader reader;

    public Validator(Function<String, String> env) {
        this.reader = new DirectoryReader(env);
    }

    public DirectoryReader.Result validate(Path dir) {
        DirectoryReader.Result read = reader.read(dir);
        List<Problem> problems = new ArrayList<>(read.problems());
        References.check(read.state(), problems);
        return new DirectoryReader.Result(read.state(), problems);
    }
}

package city.iam.realmconfig.export;

import city.iam.realmconfig.load.DirectoryReader;
import city.iam.realmconfig.model.IdentityProviderForm;
import city.iam.realmconfig.model.LiveObject;
import city.iam.realmconfig.model.LiveState;
import city.iam.realmconfig.model.ObjectType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes live objects in the directory format: canonical objects sorted by id, {@code fully_managed: false}
 * (an export never asks for deletes by itself), so applying an export changes nothing.
 */
public final class Exporter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Exporter() {
    }

    /** Writes one file per type read; returns the files written. */
    public static List<Path> write(LiveState live, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (ObjectType type : ObjectType.values()) {
            Map<String, LiveObject> objects = live.objects().get(type);
            if (objects == null) {
                continue;
            }
            ObjectNode file = JSON.createObjectNode();
            file.put(DirectoryReader.FULLY_MANAGED, false);
            if (type.singleton()) {
                LiveObject only = objects.get(ObjectType.SINGLETON_ID);
                file.set(type.key(), only == null ? null : only.object());
            } else {
                ArrayNode list = file.putArray(type.key());
                // Secrets the server masks are exported as ${env:...} placeholders, never in clear.
                new TreeMap<>(objects).values().forEach(o -> list.add(type == ObjectType.IDENTITY_PROVIDERS
                        ? IdentityProviderForm.exported(o.object()) : o.object()));
            }
            Path path = dir.resolve(type.fileName());
            Files.writeString(path, JSON.writeValueAsString(file) + "\n");
            written.add(path);
        }
        return written;
    }
}

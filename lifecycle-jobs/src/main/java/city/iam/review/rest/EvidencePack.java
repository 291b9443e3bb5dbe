package city.iam.review.rest;

import city.iam.kernel.audit.AuditLog;
import city.iam.kernel.audit.AuditQuery;
import city.iam.kernel.audit.ChainVerifier;
import city.iam.kernel.audit.ChainedEntry;
import city.iam.kernel.json.CanonicalJson;
import city.iam.kernel.json.Json;
import city.iam.kernel.page.Page;
import city.iam.kernel.rest.AuditEntryView;
import city.iam.review.jpa.CampaignEntity;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence pack of a campaign, one zip an auditor can check offline: the definition version it ran with,
 * the report (JSON and CSV), the audit-chain entries about the campaign from its launch on (each with its
 * hash and previous hash, so they link into the realm's chain), and a manifest with the SHA-256 of every file
 * and the chain head at export time.
 */
final class EvidencePack {

    private final CampaignReport report;
    private final AuditLog log;

    EvidencePack(CampaignReport report, AuditLog log) {
        this.report = report;
        this.log = log;
    }

    byte[] zip(CampaignEntity c) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("definition.json", CanonicalJson.bytes(Json.tree(c.getDefinitionJson())));
        files.put("report.json", CanonicalJson.bytes(report.json(c)));
        files.put("items.csv", report.csv(c).getBytes(StandardCharsets.UTF_8));
        files.put("audit.ndjson", auditSegment(c.getId()));
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("campaign_id", c.getId());
        manifest.put("snapshot_hash", c.getSnapshotHash());
        ChainVerifier.Head head = log.head();
        manifest.putObject("chain_head").put("seq", head.seq()).put("hash", head.hash());
        ObjectNode hashes = manifest.putObject("sha256");
        files.forEach((name, bytes) -> hashes.put(name, sha256(bytes)));
        files.put("manifest.json", CanonicalJson.bytes(manifest));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Entries about the campaign or its items, from the launch entry on, in chain order. */
    private byte[] auditSegment(String campaignId) {
        List<ChainedEntry> launch = log.list(new AuditQuery("review.campaign.launched", campaignId, null, null, null, false), new Page(0, 1));
        StringBuilder out = new StringBuilder();
        if (launch.isEmpty()) {
            return new byte[0];
        }
        try (Stream<ChainedEntry> entries = log.stream(launch.get(0).seq())) {
            entries.filter(e -> campaignId.equals(e.subject()) || e.payload().contains("\"campaign_id\":\"" + campaignId + "\""))
                    .forEach(e -> out.append(Json.write(AuditEntryView.of(e))).append('\n'));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

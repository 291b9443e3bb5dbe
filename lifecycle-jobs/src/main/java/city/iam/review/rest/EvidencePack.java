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

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence pack of a campaign, one zip an auditor can check offline: the definition version it ran with,
 * the report (JSON and CSV), the audit-chain entries about the campaign from its launch on (each with its
 * hash and previous hash, so they link into the realm's chain), a manifest with the SHA-256 of every file and
 * the chain head at export time, and the manifest signed with the realm's key ({@code manifest.jws}). Written
 * as a stream into a temporary file, one page of items in memory at a time.
 */
final class EvidencePack {

    /** Writes one file of the pack; may throw as writing to a file does. */
    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private final CampaignReport report;
    private final AuditLog log;
    private final ManifestSigner signer;

    EvidencePack(CampaignReport report, AuditLog log, ManifestSigner signer) {
        this.report = report;
        this.log = log;
        this.signer = signer;
    }

    /** The pack as a temporary file (see {@link TempExport}) with its SHA-256. */
    TempExport write(CampaignEntity c) {
        return TempExport.write("evidence", out -> zip(c, out));
    }

    private void zip(CampaignEntity c, OutputStream out) throws IOException {
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("campaign_id", c.getId());
        manifest.put("snapshot_hash", c.getSnapshotHash());
        ObjectNode hashes = Json.MAPPER.createObjectNode();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            hashes.put("definition.json", entry(zip, "definition.json", w -> w.write(CanonicalJson.of(Json.tree(c.getDefinitionJson())))));
            hashes.put("report.json", entry(zip, "report.json", w -> report.json(c, w)));
            hashes.put("items.csv", entry(zip, "items.csv", w -> report.csv(c, w)));
            hashes.put("audit.ndjson", entry(zip, "audit.ndjson", w -> auditSegment(c.getId(), w)));
            ChainVerifier.Head head = log.head();
            manifest.putObject("chain_head").put("seq", head.seq()).put("hash", head.hash());
            manifest.set("sha256", hashes);
            byte[] manifestBytes = CanonicalJson.bytes(manifest);
            entry(zip, "manifest.json", w -> w.write(new String(manifestBytes, StandardCharsets.UTF_8)));
            entry(zip, "manifest.jws", w -> w.write(signer.sign(manifestBytes)));
        }
    }

    /** Writes one zip entry in UTF-8 and answers the SHA-256 of what was written. */
    private static String entry(ZipOutputStream zip, String name, Content content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest sha = TempExport.digest();
        try (Writer w = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(TempExport.unclosable(zip), sha), StandardCharsets.UTF_8))) {
            content.writeTo(w);
        }
        zip.closeEntry();
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Entries about the campaign or its items, from the launch entry on, in chain order. */
    private void auditSegment(String campaignId, Writer out) {
        List<ChainedEntry> launch = log.list(new AuditQuery("review.campaign.launched", campaignId, null, null, null, false), new Page(0, 1));
        if (launch.isEmpty()) {
            return;
        }
        try (Stream<ChainedEntry> entries = log.stream(launch.get(0).seq())) {
            entries.filter(e -> campaignId.equals(e.subject()) || e.payload().contains("\"campaign_id\":\"" + campaignId + "\""))
                    .forEach(e -> {
                        try {
                            out.write(Json.write(AuditEntryView.of(e)));
                            out.write('\n');
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    });
        }
    }
}

package city.iam.federation.aggregate;

import city.iam.kernel.error.CityIamException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Parses untrusted metadata: no DOCTYPE at all (so no XXE, no entity expansion), no external DTDs, schemas or
 * XInclude, JDK secure-processing limits on; the size cap is enforced by whoever read the bytes. The JDK's
 * own parser is used so the hardening does not depend on which Xerces happens to be on the class path.
 */
final class SafeXml {

    private SafeXml() {
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new Strict());
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw CityIamException.badRequest("malformed_metadata", "The metadata is not acceptable XML: " + message(e));
        } catch (IOException | ParserConfigurationException e) {
            throw CityIamException.badRequest("malformed_metadata", "The metadata could not be read.");
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    private static String message(SAXException e) {
        String m = e.getMessage() == null ? "parse error" : e.getMessage();
        if (e instanceof SAXParseException p) {
            m = "line " + p.getLineNumber() + ": " + m;
        }
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    /** Warnings pass, errors stop: the default handler prints to stderr and carries on. */
    private static final class Strict implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}

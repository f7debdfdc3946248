package com.maeworkbench.io.dicom;

import java.util.Map;

/**
 * A transfer syntax and how its pixel data is encoded. {@code refusal} names why one is not decoded
 * (JPEG-LS and HTJ2K: no decoder for them on Maven Central that we keep).
 */
record TransferSyntax(String uid, String name, Codec codec, boolean explicit, boolean little, boolean deflated,
                      boolean lossy, String refusal) {

    enum Codec { NATIVE, RLE, JPEG, JPEG2000 }

    static final String IMPLICIT_LE = "1.2.840.10008.1.2", EXPLICIT_LE = "1.2.840.10008.1.2.1", EXPLICIT_BE = "1.2.840.10008.1.2.2";

    private static final Map<String, TransferSyntax> KNOWN = Map.ofEntries(
            native_(IMPLICIT_LE, "implicit VR little endian", false, true, false),
            native_(EXPLICIT_LE, "explicit VR little endian", true, true, false),
            native_(EXPLICIT_BE, "explicit VR big endian", true, false, false),
            native_("1.2.840.10008.1.2.1.99", "deflated explicit VR little endian", true, true, true),
            encapsulated("1.2.840.10008.1.2.4.50", "JPEG baseline", Codec.JPEG, true),
            encapsulated("1.2.840.10008.1.2.4.51", "JPEG extended", Codec.JPEG, true),
            encapsulated("1.2.840.10008.1.2.4.57", "JPEG lossless", Codec.JPEG, false),
            encapsulated("1.2.840.10008.1.2.4.70", "JPEG lossless SV1", Codec.JPEG, false),
            refused("1.2.840.10008.1.2.4.80", "JPEG-LS lossless"),
            refused("1.2.840.10008.1.2.4.81", "JPEG-LS near-lossless"),
            encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 lossless", Codec.JPEG2000, false),
            encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000", Codec.JPEG2000, true),
            encapsulated("1.2.840.10008.1.2.4.92", "JPEG 2000 multi-component lossless", Codec.JPEG2000, false),
            encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 multi-component", Codec.JPEG2000, true),
            refused("1.2.840.10008.1.2.4.201", "HTJ2K lossless"),
            refused("1.2.840.10008.1.2.4.202", "HTJ2K lossless RPCL"),
            refused("1.2.840.10008.1.2.4.203", "HTJ2K"),
            encapsulated("1.2.840.10008.1.2.5", "RLE lossless", Codec.RLE, false));

    /** The syntax with this UID, or null when it is not a DICOM transfer syntax we know. */
    static TransferSyntax of(String uid) {
        return KNOWN.get(uid);
    }

    boolean encapsulated() {
        return codec != Codec.NATIVE;
    }

    private static Map.Entry<String, TransferSyntax> native_(String uid, String name, boolean explicit, boolean little, boolean deflated) {
        return Map.entry(uid, new TransferSyntax(uid, name, Codec.NATIVE, explicit, little, deflated, false, null));
    }

    private static Map.Entry<String, TransferSyntax> encapsulated(String uid, String name, Codec codec, boolean lossy) {
        return Map.entry(uid, new TransferSyntax(uid, name, codec, true, true, false, lossy, null));
    }

    private static Map.Entry<String, TransferSyntax> refused(String uid, String name) {
        return Map.entry(uid, new TransferSyntax(uid, name, null, true, true, false, false, name + ": no kept Java decoder"));
    }
}

/**
 * `tls:index/privateKey:PrivateKey` (tls_private_key, hashicorp/terraform-provider-tls
 * internal/provider/resource_private_key.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import * as crypto from "node:crypto";
import { ed25519Key, rsaKey } from "../../ssh-keys";
import type { AwsType } from "../type";

const SRC = {
    privateKey: "terraform-provider-tls internal/provider/resource_private_key.go (privateKeyResourceSchemaV1: RequiresReplace plan modifiers)",
} as const;

export const privateKey: AwsType = {
    token: "tls:index/privateKey:PrivateKey",
    kind: {
        // The key material lives only in state: a new key locks out whatever trusts the old one.
        stateful: true,
        label: "TLS private key",
        forceNew: [
            { path: "algorithm", source: SRC.privateKey }, // algorithm: stringplanmodifier.RequiresReplace()
            { path: "rsaBits", source: SRC.privateKey }, // rsa_bits: int64planmodifier.RequiresReplace()
            { path: "ecdsaCurve", source: SRC.privateKey }, // ecdsa_curve: stringplanmodifier.RequiresReplace()
        ],
        references: [],
    },
    create(w, a) {
        const { p, name: n } = a;
        const algorithm = String(p.algorithm);
        if (algorithm !== "ED25519" && algorithm !== "RSA") {
            throw new Error(`the model generates ED25519 and RSA keys, not ${algorithm}`);
        }
        const key = algorithm === "RSA" ? rsaKey(n, Number(p.rsaBits ?? 2048)) : ed25519Key(n);
        const { publicBlob: _blob, algorithm: _alg, ...fields } = key;
        return { id: crypto.createHash("sha1").update(key.publicBlob).digest("hex"), state: { ...a.inputs, ...fields } };
    },
};

/**
 * `aws:ec2/keyPair:KeyPair` (aws_key_pair, terraform-provider-aws internal/service/ec2/ec2_key_pair.go): what AWS and
 * the provider do for it, as the offline engine and the simulated provider model it.
 */
import { parseOpenSshPublicKey } from "../../../lib/openssh";
import { ec2ImportedKeyFingerprint } from "../../ssh-keys";
import { AwsError } from "../errors";
import { regionRow, TF_EC2 } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    keyPair: `${TF_EC2}ec2_key_pair.go (aws_key_pair schema)`,
} as const;

export const keyPair: AwsType = {
    token: "aws:ec2/keyPair:KeyPair",
    kind: {
        stateful: false,
        label: "key pair",
        forceNew: [
            { path: "keyName", source: SRC.keyPair }, // key_name: ForceNew
            { path: "keyNamePrefix", source: SRC.keyPair }, // key_name_prefix: ForceNew
            { path: "publicKey", source: SRC.keyPair }, // public_key: Required, ForceNew
            regionRow,
        ],
        // A replaced tls.PrivateKey has new key material, so publicKey (publicKeyOpenssh) always changes.
        references: [{ path: "publicKey", targetType: "tls:index/privateKey:PrivateKey", changesOnReplace: "always" }],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ec2/ec2_key_pair.go).
    computed: [
        "keyName", "keyNamePrefix",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`. resources.go overrides it for aws_key_pair: `keyName`.
    autonamed: { property: "keyName", maxLength: 255 },
    create(w, a) {
        const { p, name: n } = a;
        const publicKey = String(p.publicKey ?? "");
        const parsed = parseOpenSshPublicKey(publicKey);
        // ImportKeyPair takes RSA and ED25519 keys only; an ECDSA, DSA or security key fails as malformed.
        const keyType = parsed && ({ "ssh-rsa": "rsa", "ssh-ed25519": "ed25519" } as Record<string, string>)[parsed.type];
        if (!keyType) {
            throw new AwsError("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
        }
        const keyName = String(p.keyName ?? w.autoname(n));
        w.keyPairs.add(keyName);
        return { id: keyName, state: a.state({ keyName, keyPairId: w.awsId("key", n), keyType, arn: w.arn("ec2", `key-pair/${keyName}`), fingerprint: ec2ImportedKeyFingerprint(publicKey) }) };
    },
    seed(w, id, o) {
        w.keyPairs.add(String(o.keyName ?? id));
    },
    release(w, id, o) {
        w.keyPairs.delete(String(o.keyName ?? id));
    },
};

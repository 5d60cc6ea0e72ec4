import * as pulumi from "@pulumi/pulumi";
import * as aws from "../lib/aws";
import * as tls from "@pulumi/tls";

/** Where the key comes from. */
export const KeyPairMode = {
    /** A new private key from @pulumi/tls, registered with EC2 from its OpenSSH public key. */
    Generate: "generate",
    /** Register `publicKey` (OpenSSH format) and keep the private key off Pulumi entirely. */
    Import: "import",
} as const;
export type KeyPairMode = (typeof KeyPairMode)[keyof typeof KeyPairMode];

/** The algorithm of a generated key. */
export const KeyAlgorithm = {
    /** Small and fast. */
    ED25519: "ED25519",
    /** 4096 bits: required for Windows AMIs, whose administrator password EC2 encrypts with the RSA key. */
    RSA: "RSA",
} as const;
export type KeyAlgorithm = (typeof KeyAlgorithm)[keyof typeof KeyAlgorithm];

export interface KeyPairArgs {
    /**
     * `generate`: a new private key from @pulumi/tls, registered with EC2 from its OpenSSH public key.
     * `import`: register `publicKey` (OpenSSH format) and keep the private key off Pulumi entirely.
     * @default "generate"
     */
    mode?: KeyPairMode;
    /**
     * Algorithm of a generated key. ED25519 is small and fast; RSA (4096 bits) is required for Windows AMIs,
     * whose administrator password EC2 encrypts with the RSA key. @default "ED25519"
     */
    algorithm?: KeyAlgorithm;
    /**
     * OpenSSH public key to import, e.g. the contents of `~/.ssh/id_ed25519.pub`. Required with `mode: "import"`.
     * @default none
     */
    publicKey?: pulumi.Input<string>;
    /** Prefix of the Name tag. @default the component name */
    namePrefix?: string;
    /** Tags for the EC2 key pair. @default {} */
    tags?: Record<string, string>;
}

/**
 * An EC2 key pair: generated (private key kept only as a secret output) or imported.
 * For no key at all (Session Manager only), do not create this component.
 */
export class KeyPair extends pulumi.ComponentResource {
    /** The EC2 key pair name, for `aws.ec2.Instance.keyName`. */
    public readonly keyName: pulumi.Output<string>;
    /** The fingerprint EC2 reports for the key (SHA-256 base64 for ED25519, MD5 hex for imported RSA). */
    public readonly fingerprint: pulumi.Output<string>;
    /** The OpenSSH public key. */
    public readonly publicKeyOpenssh: pulumi.Output<string>;
    /**
     * The generated private key, as a secret Output: OpenSSH format for ED25519, PEM (PKCS#1) for RSA, which both
     * `ssh -i` and EC2's Windows password decryption accept. Undefined for imported keys.
     */
    public readonly privateKeyPem?: pulumi.Output<string>;

    constructor(name: string, args: KeyPairArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ec2-server:keys:KeyPair", name, {}, opts);
        const mode = args.mode ?? KeyPairMode.Generate;
        if (mode === "generate" && args.publicKey !== undefined) {
            throw new Error("Cannot specify both 'publicKey' and mode 'generate'; use mode 'import' for your own key");
        }
        if (mode === "import" && args.publicKey === undefined) {
            throw new Error("mode 'import' requires 'publicKey'");
        }
        if (mode === "import" && args.algorithm !== undefined) {
            throw new Error("Cannot specify both 'algorithm' and mode 'import'; the imported key has its own algorithm");
        }
        const child = { parent: this };
        let publicKey: pulumi.Input<string>;
        if (mode === "generate") {
            const algorithm = args.algorithm ?? KeyAlgorithm.ED25519;
            const key = new tls.PrivateKey(`${name}-private-key`, algorithm === "RSA"
                ? { algorithm: "RSA", rsaBits: 4096 }
                : { algorithm: "ED25519" }, child);
            publicKey = key.publicKeyOpenssh;
            // Wrapped in pulumi.secret so the value is secret in this program's own outputs, not only in state.
            this.privateKeyPem = pulumi.secret(algorithm === "RSA" ? key.privateKeyPem : key.privateKeyOpenssh);
        } else {
            publicKey = args.publicKey!;
        }
        const keyPair = new aws.ec2.KeyPair(`${name}-key-pair`, {
            publicKey,
            tags: { ...(args.tags ?? {}), Name: args.namePrefix ?? name },
        }, child);

        this.keyName = keyPair.keyName;
        this.fingerprint = keyPair.fingerprint;
        this.publicKeyOpenssh = pulumi.output(publicKey);
        this.registerOutputs({
            keyName: this.keyName,
            fingerprint: this.fingerprint,
            publicKeyOpenssh: this.publicKeyOpenssh,
            privateKeyPem: this.privateKeyPem,
        });
    }
}

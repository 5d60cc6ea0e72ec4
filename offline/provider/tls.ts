/**
 * The simulated TLS provider (`pulumi-resource-tls`): `tls.PrivateKey` as pulumi-tls (bridging
 * hashicorp/terraform-provider-tls internal/provider/resource_private_key.go) answers it. Keys are real and
 * random: ED25519, or RSA of `rsaBits` (2048 when not set). The private key forms are Sensitive in the schema; the
 * @pulumi/tls SDK registers them as `additionalSecretOutputs`, which is what makes them secret in the state. Changing `algorithm`, `rsaBits` or `ecdsaCurve`
 * replaces the key (RequiresReplace), from the force-new table. Nothing reaches AWS: there is no account.
 */
import * as crypto from "node:crypto";
import { diffResource } from "../lifecycle";
import { ed25519Key, rsaKey } from "../ssh-keys";
import { parseUrn, secretKeysOf, wrapSecrets } from "./aws";
import { CheckFailure, DiffAnswer, Props, ProviderError, SimProvider } from "./server";
import { unwrapSecrets } from "../aws/model";
import { privateKey } from "../aws/tls/private-key";

/** The one type this provider serves: the AWS model's module of it (offline/aws/tls/private-key.ts) names it. */
const PRIVATE_KEY = privateKey.token;

export class SimTls implements SimProvider {
    constructor(readonly version: string) {}

    checkConfig(): CheckFailure[] {
        return [];
    }

    configure(): void {}

    check(urn: string, _olds: Props, news: Props): { inputs: Props; failures: CheckFailure[] } {
        const failures: CheckFailure[] = [];
        if (parseUrn(urn).type === PRIVATE_KEY && !["RSA", "ED25519", "ECDSA"].includes(String(news.algorithm))) {
            failures.push({ property: "algorithm", reason: `algorithm: value must be one of: ["RSA" "ECDSA" "ED25519"], got ${JSON.stringify(news.algorithm)}` });
        }
        return { inputs: { ...news, __defaults: [] }, failures };
    }

    diff(urn: string, _id: string, olds: Props, news: Props, oldInputs: Props, ignoreChanges: string[]): DiffAnswer {
        const strip = (p: Props) => {
            const { __defaults: _d, ...rest } = unwrapSecrets(p) as Props;
            return rest;
        };
        const result = diffResource({ type: parseUrn(urn).type, inputs: strip(oldInputs), outputs: strip(olds) }, strip(news), { ignoreChanges, replaceOnChanges: [] });
        return { changes: result.changes, deleteBeforeReplace: false };
    }

    create(urn: string, inputs: Props, preview: boolean): { id: string; outputs: Props } {
        const { type } = parseUrn(urn);
        const { __defaults: _d, ...raw } = inputs;
        if (type !== PRIVATE_KEY) {
            throw new ProviderError(`the simulated tls provider has no resource ${type}`);
        }
        if (preview) {
            return { id: "", outputs: raw };
        }
        const algorithm = String(raw.algorithm);
        const rsaBits = Number(raw.rsaBits ?? 2048);
        if (algorithm === "ECDSA") {
            throw new ProviderError("the simulated tls provider generates ED25519 and RSA keys, not ECDSA");
        }
        const seed = crypto.randomBytes(32).toString("hex");
        const { publicBlob, algorithm: _alg, ...fields } = algorithm === "RSA" ? rsaKey(seed, rsaBits) : ed25519Key(seed);
        const outputs: Props = { ...raw, ...(algorithm === "RSA" ? { rsaBits } : {}), ecdsaCurve: "P224", ...fields };
        return { id: crypto.createHash("sha1").update(publicBlob).digest("hex"), outputs: wrapSecrets(outputs, secretKeysOf(raw)) };
    }

    read(_urn: string, id: string, state: Props, inputs: Props): { id: string; outputs: Props; inputs: Props } {
        return { id, outputs: state, inputs };
    }

    update(urn: string): Props {
        throw new ProviderError(`${parseUrn(urn).type} has no in-place update: every argument replaces it`);
    }

    delete(): void {}

    invoke(token: string): Props {
        throw new ProviderError(`the simulated tls provider has no function ${token}`);
    }
}

/**
 * The `ec2-server` configuration contract: parsing and validation of every key, with all errors reported at once.
 *
 * `parseConfig` is pure (raw strings in, typed config or a ConfigError out) so it is table-tested without Pulumi.
 * `loadConfig` reads the stack's config through the Pulumi runtime and calls it. Components never read config.
 */
// The two SDK modules the contract needs (runtime/config here, errors in ./errors), not the whole SDK: the offline
// plan checks a stack's config with configFromKeys before it starts its policy pack or loads the SDK's index
// (tools/plan.ts), so a bad config stops at once. Under the real runtime they are the same module instances
// `@pulumi/pulumi` re-exports (pulumi.RunError, pulumi.runtime), so what the SDK checks for (RunError.isInstance) holds.
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { AMI_ALIASES, AMI_ID_PATTERN, USER_DATA_MAX_BYTES, closest, instanceTypeArchitecture } from "../lib/aws-facts";
import { autoScalingSetting } from "./auto-scaling";
import { Collector, ConfigError } from "./errors";
import { checkInstanceType, isObject, RawReader } from "./fields";
import { firewallSetting } from "./firewall";
import { loadBalancerSetting } from "./load-balancer";
import { networkSetting } from "./network";
import { OPENSSH_KEY_TYPES, openSshPublicKeyProblem } from "./parsers";
import {
    elasticIpNeedsPublicSubnet, groupServersAreDisposable, instanceTypeRunsAmi, natGatewaysNeedPrivateSubnets, publicKeyOnlyToImport,
    replaceOnChangeNeedsUserData, sshNeedsKeyPair,
} from "./rules";
import {
    AUTO_SCALING_SHAPE, AmiSetting, DEFAULTS, KNOWN_KEYS, KeyPairSetting, LOAD_BALANCER_SHAPE, NAMESPACE, NAT_GATEWAYS, RawConfig,
    ServerConfig,
} from "./schema";
import { storageSettings } from "./storage";
import type { NatGateways } from "../components/network";

export { ConfigError, formatErrors } from "./errors";
export { cronProblem, openSshPublicKeyProblem, timeZoneProblem } from "./parsers";
export { ACM_CERTIFICATE_ARN } from "./load-balancer";
export { KMS_KEY_ARN } from "./storage";
export {
    AUTO_SCALING_DEFAULTS, AmiSetting, DEFAULTS, FirewallSetting, KNOWN_KEYS, KeyPairSetting, LOAD_BALANCER_DEFAULTS, NAMESPACE,
    NAT_GATEWAYS, NetworkSetting, RawConfig, ServerConfig,
} from "./schema";

/** Parses and validates raw config. Throws ConfigError listing every problem. */
export function parseConfig(raw: RawConfig, secretKeys: ReadonlySet<string> = new Set()): ServerConfig {
    const c = new Collector(secretKeys);
    const read = new RawReader(raw, c);

    // Unknown keys (typos such as `instancetype`).
    for (const key of Object.keys(raw).sort()) {
        if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
            const suggestion = closest(key, KNOWN_KEYS, 3);
            c.bad(key, secretKeys.has(key) ? "[secret]" : raw[key], `one of the known keys: ${[...KNOWN_KEYS].sort().join(", ")}`,
                suggestion ? `unknown key; did you mean "${suggestion}"?` : "unknown key");
        }
    }

    // --- instance type and count
    const instanceType = read.str("instanceType") ?? DEFAULTS.instanceType;
    if (read.has("instanceType")) {
        checkInstanceType(c, "instanceType", instanceType);
    }
    const instanceCount = read.int("instanceCount", DEFAULTS.instanceCount, 1, 50);

    // --- AMI
    const amiText = read.str("ami") ?? DEFAULTS.ami;
    let ami: AmiSetting = { kind: "alias", alias: DEFAULTS.ami };
    if (AMI_ALIASES[amiText]) {
        ami = { kind: "alias", alias: amiText };
    } else if (AMI_ID_PATTERN.test(amiText)) {
        ami = { kind: "id", id: amiText };
    } else {
        const suggestion = closest(amiText, Object.keys(AMI_ALIASES), 3);
        c.bad("ami", amiText, `an alias (${Object.keys(AMI_ALIASES).join(", ")}) or an AMI id like ami-0123456789abcdef0`,
            suggestion ? `did you mean "${suggestion}"?` : undefined);
    }
    instanceTypeRunsAmi(c, instanceType, instanceTypeArchitecture(instanceType), amiText, ami);

    // --- network and addressing
    const network = networkSetting(c, read, raw);
    const publicIp = read.bool("publicIp", DEFAULTS.publicIp);
    const elasticIp = read.bool("elasticIp", DEFAULTS.elasticIp);
    elasticIpNeedsPublicSubnet(c, elasticIp, publicIp, network);

    // --- key pair and SSM
    const keyPairMode = read.str("keyPair") ?? DEFAULTS.keyPair;
    const keyAlgorithm = read.str("keyAlgorithm") ?? DEFAULTS.keyAlgorithm;
    if (keyAlgorithm !== "ED25519" && keyAlgorithm !== "RSA") {
        c.bad("keyAlgorithm", keyAlgorithm, "ED25519 or RSA", closest(keyAlgorithm, ["ED25519", "RSA"], 3) ? `did you mean "${closest(keyAlgorithm, ["ED25519", "RSA"], 3)}"?` : undefined);
    }
    const publicKey = read.str("publicKey");
    publicKeyOnlyToImport(c, keyPairMode, publicKey);
    let keyPair: KeyPairSetting = { kind: "none" };
    if (keyPairMode === "generate") {
        keyPair = { kind: "generate", algorithm: keyAlgorithm === "RSA" ? "RSA" : "ED25519" };
    } else if (keyPairMode === "import") {
        const problem = publicKey === undefined ? undefined : openSshPublicKeyProblem(publicKey);
        if (problem) {
            c.bad("publicKey", publicKey, `an OpenSSH public key ("<type> <base64> [comment]") of type ${OPENSSH_KEY_TYPES.join(" or ")}`, problem);
        }
        keyPair = { kind: "import", publicKey: publicKey?.trim() ?? "" };
    } else if (keyPairMode !== "none") {
        c.bad("keyPair", keyPairMode, "generate, import or none");
    }
    const ssm = read.bool("ssm", DEFAULTS.ssm);

    // --- firewall
    const { firewall, sshCidrs } = firewallSetting(c, read);
    sshNeedsKeyPair(c, keyPair, sshCidrs);

    // --- storage
    const { rootVolume, dataVolumes, dataRaw } = storageSettings(c, read);

    // --- user data
    let userData: ServerConfig["userData"];
    const userDataText = read.str("userData");
    if (userDataText !== undefined) {
        const bytes = Buffer.byteLength(userDataText, "utf8");
        if (bytes > USER_DATA_MAX_BYTES) {
            c.bad("userData", secretKeys.has("userData") ? "[secret]" : `${bytes} bytes`, `at most ${USER_DATA_MAX_BYTES} bytes (EC2's limit before base64)`);
        }
        userData = { value: userDataText, secret: secretKeys.has("userData") };
    }
    const userDataReplaceOnChange = read.bool("userDataReplaceOnChange", DEFAULTS.userDataReplaceOnChange);
    replaceOnChangeNeedsUserData(c, userDataReplaceOnChange, userData !== undefined);

    const tags = tagsSetting(c, read);
    const monitoring = read.bool("monitoring", DEFAULTS.monitoring);
    const terminationProtection = read.bool("terminationProtection", DEFAULTS.terminationProtection);

    // --- elastic capacity: NAT gateways, load balancer, Auto Scaling group
    const natText = read.str("natGateways") ?? DEFAULTS.natGateways;
    let natGateways: NatGateways = DEFAULTS.natGateways;
    if ((NAT_GATEWAYS as readonly string[]).includes(natText)) {
        natGateways = natText as NatGateways;
    } else {
        const suggestion = closest(natText, NAT_GATEWAYS, 3);
        c.bad("natGateways", natText, `one of ${NAT_GATEWAYS.join(", ")}`, suggestion ? `did you mean "${suggestion}"?` : undefined);
    }
    natGatewaysNeedPrivateSubnets(c, natGateways, network);

    const loadBalancerRaw = read.json("loadBalancer", LOAD_BALANCER_SHAPE);
    const loadBalancer = loadBalancerRaw === undefined ? undefined : loadBalancerSetting(c, loadBalancerRaw, network);

    const autoScalingRaw = read.json("autoScaling", AUTO_SCALING_SHAPE);
    const autoScaling = autoScalingRaw === undefined ? undefined : autoScalingSetting(c, autoScalingRaw, instanceType, read.has("loadBalancer"));
    if (read.has("autoScaling")) {
        groupServersAreDisposable(c, instanceCount, elasticIp, dataRaw, terminationProtection);
    }

    if (c.errors.length > 0) {
        throw new ConfigError(c.errors);
    }
    return {
        instanceType, instanceCount, ami, network, publicIp, elasticIp, firewall, keyPair, ssm, rootVolume, dataVolumes,
        userData, userDataReplaceOnChange, monitoring, terminationProtection, tags, autoScaling, loadBalancer, natGateways,
    };
}

/** `tags`: tags on every resource, besides the provider's default tags. */
function tagsSetting(c: Collector, read: RawReader): Record<string, string> {
    const tagsRaw = read.json("tags", "an object of string tag values");
    const tags: Record<string, string> = {};
    if (tagsRaw === undefined) {
        return tags;
    }
    if (!isObject(tagsRaw)) {
        c.bad("tags", tagsRaw, "an object of tag keys to string values, e.g. {\"Team\": \"platform\"}");
        return tags;
    }
    const entries = Object.entries(tagsRaw);
    if (entries.length > 40) {
        c.bad("tags", `${entries.length} tags`, "at most 40 tags (AWS allows 50 per resource; the program adds Name and keeps room for aws:defaultTags)");
    }
    for (const [k, v] of entries) {
        if (k.length === 0 || k.length > 128 || /^aws:/i.test(k)) {
            c.bad(`tags.${k}`, k, "a tag key of 1 to 128 characters that does not start with aws: (reserved by AWS)");
        } else if (k === "Name") {
            c.bad(`tags.${k}`, v, "no Name tag: the program names every resource after the stack and component");
        } else if (typeof v !== "string" || v.length > 256) {
            c.bad(`tags.${k}`, v, "a string of at most 256 characters");
        } else {
            tags[k] = v;
        }
    }
    return tags;
}

/**
 * The SDK's `isConfigSecret` (what `pulumi.Config.getSecret` relies on) is exported at runtime but marked internal
 * in its typings; a test with a secret userData keeps this working across SDK upgrades.
 */
const isConfigSecret = (runtimeConfig as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;

/** Reads the stack's `ec2-server:*` config through the Pulumi runtime and validates it. */
export function loadConfig(): ServerConfig {
    return configFromKeys(runtimeConfig.allConfig(), key => isConfigSecret?.(key) ?? false);
}

/**
 * Validates a stack's config given as the CLI passes it to the program: every key with its namespace
 * (`ec2-server:instanceType`, `aws:region`) to its string value, and which keys are secret.
 */
export function configFromKeys(all: Record<string, string>, isSecret: (fullKey: string) => boolean): ServerConfig {
    const raw: RawConfig = {};
    const secretKeys = new Set<string>();
    const prefix = `${NAMESPACE}:`;
    for (const [fullKey, value] of Object.entries(all)) {
        if (fullKey.startsWith(prefix)) {
            const key = fullKey.slice(prefix.length);
            raw[key] = value;
            if (isSecret(fullKey)) {
                secretKeys.add(key);
            }
        }
    }
    return parseConfig(raw, secretKeys);
}

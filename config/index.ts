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
import { AMI_ALIASES, closest, instanceTypeArchitecture } from "../lib/aws-facts";
import { autoScalingSetting } from "./auto-scaling";
import { Collector, ConfigError, NAMESPACE } from "./errors";
import { check } from "./fields";
import { isRecord } from "../lib/values";
import { firewallSetting } from "./firewall";
import { loadBalancerSetting } from "./load-balancer";
import { networkSetting } from "./network";
import { RawReader } from "./raw";
import {
    elasticIpNeedsPublicSubnet, groupServersAreDisposable, instanceTypeRunsAmi, natGatewaysNeedPrivateSubnets, publicKeyOnlyToImport,
    replaceOnChangeNeedsUserData, sshNeedsKeyPair,
} from "./rules";
import { AmiSetting, DEFAULTS, KNOWN_KEYS, KeyPairSetting, RawConfig, ServerConfig, TAG_KEY, TAG_VALUE } from "./schema";
import { storageSettings } from "./storage";

export { ConfigError, formatErrors } from "./errors";
export { cronProblem, openSshPublicKeyProblem, timeZoneProblem } from "./parsers";
export {
    ACM_CERTIFICATE_ARN, AUTO_SCALING_DEFAULTS, AmiSetting, CONFIG, ConfigValues, DEFAULTS, FirewallSetting, KMS_KEY_ARN, KNOWN_KEYS,
    KeyPairSetting, LOAD_BALANCER_DEFAULTS, NAMESPACE, NAT_GATEWAYS, NetworkSetting, RawConfig, ServerConfig,
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
    // A type or an AMI that is not valid is reported, and still what the rules below compare.
    const instanceType = read.text("instanceType") ?? DEFAULTS.instanceType;
    read.check("instanceType");
    const instanceCount = read.value("instanceCount");

    // --- AMI
    const amiText = read.text("ami") ?? DEFAULTS.ami;
    let ami: AmiSetting = { kind: "alias", alias: DEFAULTS.ami };
    if (read.check("ami") !== undefined) {
        ami = AMI_ALIASES[amiText] ? { kind: "alias", alias: amiText } : { kind: "id", id: amiText };
    }
    instanceTypeRunsAmi(c, instanceType, instanceTypeArchitecture(instanceType), amiText, ami);

    // --- network and addressing
    const network = networkSetting(c, read, raw);
    const publicIp = read.value("publicIp");
    const elasticIp = read.value("elasticIp");
    elasticIpNeedsPublicSubnet(c, elasticIp, publicIp, network);

    // --- key pair and SSM
    const keyPairMode = read.text("keyPair") ?? DEFAULTS.keyPair;
    const keyAlgorithm = read.value("keyAlgorithm");
    const publicKey = read.text("publicKey");
    publicKeyOnlyToImport(c, keyPairMode, publicKey);
    let keyPair: KeyPairSetting = { kind: "none" };
    if (keyPairMode === "generate") {
        keyPair = { kind: "generate", algorithm: keyAlgorithm };
    } else if (keyPairMode === "import") {
        if (publicKey !== undefined) {
            read.check("publicKey");
        }
        keyPair = { kind: "import", publicKey: publicKey?.trim() ?? "" };
    } else if (keyPairMode !== "none") {
        read.check("keyPair");
    }
    const ssm = read.value("ssm");

    // --- firewall
    const { firewall, sshCidrs } = firewallSetting(c, read);
    sshNeedsKeyPair(c, keyPair, sshCidrs);

    // --- storage
    const { rootVolume, dataVolumes, dataRaw } = storageSettings(c, read);

    // --- user data
    let userData: ServerConfig["userData"];
    const userDataText = read.text("userData");
    if (userDataText !== undefined) {
        read.check("userData");
        userData = { value: userDataText, secret: secretKeys.has("userData") };
    }
    const userDataReplaceOnChange = read.value("userDataReplaceOnChange");
    replaceOnChangeNeedsUserData(c, userDataReplaceOnChange, userData !== undefined);

    const tags = tagsSetting(c, read);
    const monitoring = read.value("monitoring");
    const terminationProtection = read.value("terminationProtection");

    // --- elastic capacity: NAT gateways, load balancer, Auto Scaling group
    const natGateways = read.value("natGateways");
    natGatewaysNeedPrivateSubnets(c, natGateways, network);

    const loadBalancerRaw = read.decoded("loadBalancer");
    const loadBalancer = loadBalancerRaw === undefined ? undefined : loadBalancerSetting(c, loadBalancerRaw, network);

    const autoScalingRaw = read.decoded("autoScaling");
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
    const tagsRaw = read.decoded("tags");
    const tags: Record<string, string> = {};
    if (tagsRaw === undefined) {
        return tags;
    }
    if (!isRecord(tagsRaw)) {
        c.bad("tags", tagsRaw, "an object of tag keys to string values, e.g. {\"Team\": \"platform\"}");
        return tags;
    }
    const entries = Object.entries(tagsRaw);
    if (entries.length > 40) {
        c.bad("tags", `${entries.length} tags`, "at most 40 tags (AWS allows 50 per resource; the program adds Name and keeps room for aws:defaultTags)");
    }
    for (const [k, v] of entries) {
        if (check(c, `tags.${k}`, TAG_KEY, k) === undefined) {
            continue;
        }
        if (k === "Name") {
            c.bad(`tags.${k}`, v, "no Name tag: the program names every resource after the stack and component");
        } else if (check(c, `tags.${k}`, TAG_VALUE, v) !== undefined) {
            tags[k] = v as string;
        }
    }
    return tags;
}

/** Reads the stack's `ec2-server:*` config through the Pulumi runtime and validates it. */
export function loadConfig(): ServerConfig {
    return configFromKeys(runtimeConfig.allConfig(), secretKeyTest());
}

/**
 * Which of the stack's config keys are secret, so their values are never shown. @pulumi/pulumi (3.276.0) has no public
 * API for it: `pulumi.Config` gives values (getSecret wraps any value as a secret, whether the stack stores it as one
 * or not), and runtime/config's public functions (allConfig, getConfig, setAllConfig) say nothing of secrecy. The
 * language host passes the secret keys in PULUMI_CONFIG_SECRET_KEYS, which the runtime keeps in its store (also where
 * setAllConfig puts them, for mocks and the Automation API), and runtime/config's `isConfigSecret`, exported but
 * marked internal, reads them there. This is the one place that relies on it, and it fails loudly when the SDK no
 * longer has it (tests/index.spec.ts runs a secret userData through the runtime).
 */
export function secretKeyTest(runtime: object = runtimeConfig): (fullKey: string) => boolean {
    const isConfigSecret = (runtime as { isConfigSecret?: unknown }).isConfigSecret;
    if (typeof isConfigSecret !== "function") {
        throw new Error("config/index.ts secretKeyTest: @pulumi/pulumi/runtime/config no longer exports isConfigSecret, "
            + "which says which config keys are secret (PULUMI_CONFIG_SECRET_KEYS); without it a secret value could be shown. "
            + "Find where this SDK version keeps the secret keys and read them here.");
    }
    return fullKey => isConfigSecret(fullKey) === true;
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

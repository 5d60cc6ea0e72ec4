/**
 * The value syntaxes the contract checks beyond types and ranges: cron expressions (EC2 Auto Scaling's Recurrence),
 * IANA time zone names, OpenSSH public keys EC2 can import, and IPv4/IPv6 CIDRs.
 */
import { closest } from "../lib/aws-facts";
import { parseOpenSshPublicKey } from "../lib/openssh";
import { formatIpv4Cidr, ipv4HasHostBits, ipv4Network, ipv6HasHostBits, parseIpv4Cidr, parseIpv6Cidr } from "../lib/cidr";
import { Collector, show } from "./errors";

/**
 * EC2 Auto Scaling's Recurrence is "in Unix cron syntax format ... five fields separated by white spaces: [Minute]
 * [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week]", with crontab.org as its reference (API
 * ScheduledUpdateGroupActionRequest). That syntax: `*`, numbers, ranges `a-b`, lists `a,b`, steps after a range or
 * `*`; month and day-of-week also take three-letter names, but "ranges or lists of names are not allowed"; day of
 * week 0-7 (0 and 7 are Sunday). EventBridge's `?`, `L`, `W`, `#` and year field are not part of it.
 */
const CRON_FIELDS: { name: string; min: number; max: number; names?: string[]; example?: string }[] = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day-of-month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], example: "JAN" },
    { name: "day-of-week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], example: "MON" },
];
export const CRON_TEXT = "a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\"";

/** Why `expr` is not a 5-field cron expression EC2 Auto Scaling takes (see CRON_FIELDS), or undefined when it is one. */
export function cronProblem(expr: string): string | undefined {
    if (expr.length > 255) {
        return "longer than 255 characters";
    }
    const fields = expr.trim().split(/\s+/).filter(f => f !== "");
    if (fields.length !== 5) {
        return fields.length === 6
            ? "6 fields: EC2 Auto Scaling takes traditional cron, without the year field of EventBridge and Application Auto Scaling"
            : `${fields.length} field${fields.length === 1 ? "" : "s"}`;
    }
    if (/[?#]/.test(expr) || fields.some(f => /^(\d*L|\d+W|LW)$/i.test(f))) {
        return "?, L, W and # belong to EventBridge's cron, not the traditional cron EC2 Auto Scaling takes";
    }
    for (let i = 0; i < 5; i++) {
        const spec = CRON_FIELDS[i];
        const field = fields[i];
        const numbers = `${spec.min} to ${spec.max}`;
        const range = spec.example ? `${numbers} or a name such as ${spec.example}` : numbers;
        if (spec.names?.includes(field.toLowerCase())) {
            continue;
        }
        for (const part of field.split(",")) {
            const m = /^(?:\*|([^-/]+)(?:-([^-/]+))?)(?:\/([^/]+))?$/.exec(part);
            if (!m) {
                return `${spec.name} ${show(part)} is not *, a number, a range a-b or a step */n or a-b/n`;
            }
            const [, from, to, step] = m;
            for (const value of [from, to]) {
                if (value === undefined) {
                    continue;
                }
                if (spec.names?.includes(value.toLowerCase())) {
                    return `${spec.name}: a name such as ${value} stands alone; ranges and lists take the numbers ${numbers}`;
                }
                if (!/^\d+$/.test(value) || Number(value) < spec.min || Number(value) > spec.max) {
                    return `${spec.name} ${show(value)} is not from ${range}`;
                }
            }
            if (to !== undefined && Number(to) < Number(from)) {
                return `${spec.name} range ${part} runs backwards`;
            }
            if (step !== undefined) {
                if (from !== undefined && to === undefined) {
                    return `${spec.name} step ${part} needs a range or * before the /`;
                }
                if (!/^\d+$/.test(step) || Number(step) < 1 || Number(step) > spec.max) {
                    return `${spec.name} step ${show(step)} is not from 1 to ${spec.max}`;
                }
            }
        }
    }
    return undefined;
}

/**
 * Why `value` is not an IANA time zone name, "" when there is nothing to add, or undefined when it is one. Node's
 * Intl knows every IANA name and alias (Intl.supportedValuesOf lists only canonical ones, not UTC or Etc/GMT+9), so a
 * name counts when Intl.DateTimeFormat takes it, spelled with its own case, and is not an offset such as +01:00.
 */
export function timeZoneProblem(value: unknown): string | undefined {
    const zones = [...Intl.supportedValuesOf("timeZone"), "UTC"];
    const suggest = (name: string) => {
        const s = closest(name, zones, 3);
        return s ? `did you mean "${s}"?` : "";
    };
    if (typeof value !== "string" || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) {
        return typeof value === "string" ? suggest(value) : "";
    }
    let resolved: string;
    try {
        resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
    } catch {
        return suggest(value);
    }
    if (resolved !== value && resolved.toLowerCase() === value.toLowerCase()) {
        return `time zone names are case-sensitive; did you mean "${resolved}"?`;
    }
    return undefined;
}

/**
 * The key types EC2 ImportKeyPair accepts: RSA and ED25519 only ("Supported key types: RSA and ED25519", EC2 API
 * ImportKeyPair); ECDSA, DSA and security-key types fail there with InvalidKey.Format.
 */
export const OPENSSH_KEY_TYPES = ["ssh-ed25519", "ssh-rsa"];

/** Why a string is not an OpenSSH public key AWS will import, or undefined when it is one. */
export function openSshPublicKeyProblem(text: string): string | undefined {
    const parts = text.trim().split(/\s+/);
    if (parts.length < 2) {
        return "not in OpenSSH format";
    }
    const [type, b64] = parts;
    if (!OPENSSH_KEY_TYPES.includes(type)) {
        return text.includes("BEGIN") ? "PEM is not accepted; convert with `ssh-keygen -y -f key.pem`" : `EC2 ImportKeyPair accepts only ED25519 and RSA keys, not ${show(type)}`;
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
        return "the key data is not base64";
    }
    if (!parseOpenSshPublicKey(text)) {
        return `the key data does not encode a ${type} key`;
    }
    return undefined;
}

/** Checks a CIDR's syntax and alignment; returns its kind. */
export function cidrKind(c: Collector, key: string, value: unknown): "cidrIpv4" | "cidrIpv6" | undefined {
    if (typeof value !== "string") {
        c.bad(key, value, "an IPv4 or IPv6 CIDR such as 203.0.113.10/32 or 2001:db8::/64");
        return undefined;
    }
    const v4 = parseIpv4Cidr(value);
    if (v4) {
        if (ipv4HasHostBits(v4)) {
            c.bad(key, value, "a CIDR with no host bits set (AWS would store it normalised and show a diff forever)",
                `did you mean "${formatIpv4Cidr({ base: ipv4Network(v4), prefix: v4.prefix })}"?`);
            return undefined;
        }
        return "cidrIpv4";
    }
    const v6 = parseIpv6Cidr(value);
    if (v6) {
        if (ipv6HasHostBits(v6)) {
            c.bad(key, value, "an IPv6 CIDR with no host bits set");
            return undefined;
        }
        return "cidrIpv6";
    }
    c.bad(key, value, "an IPv4 or IPv6 CIDR such as 203.0.113.10/32 or 2001:db8::/64");
    return undefined;
}

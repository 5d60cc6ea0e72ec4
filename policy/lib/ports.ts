// Protocol and port-range normalisation shared by the security group and network ACL policies.
import { isUnknown, UNKNOWN, Unknown } from "./unknown";

/** A normalised protocol: "all", "tcp", "udp", "icmp", "icmpv6", or the value as written (lower case). */
export type Protocol = string;

export const MAX_PORT = 65535;

const PROTOCOL_ALIASES: Record<string, Protocol> = {
    "-1": "all",
    "all": "all",
    "6": "tcp",
    "tcp": "tcp",
    "17": "udp",
    "udp": "udp",
    "1": "icmp",
    "icmp": "icmp",
    "58": "icmpv6",
    "icmpv6": "icmpv6",
};

/**
 * Normalises a protocol as AWS accepts it: names in any case, IANA numbers as strings or numbers, and
 * "-1"/-1/"all" for every protocol.
 */
export function normalizeProtocol(value: unknown): Protocol | Unknown | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (typeof value !== "string" && typeof value !== "number") {
        return undefined;
    }
    const key = String(value).trim().toLowerCase();
    return PROTOCOL_ALIASES[key] ?? key;
}

/** A port number from a number or a numeric string ("22", " 22 "); `undefined` for anything else. */
export function toPort(value: unknown): number | Unknown | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (typeof value === "number" && Number.isInteger(value)) {
        return value;
    }
    if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) {
        return Number(value);
    }
    return undefined;
}

/** An inclusive port range. */
export interface PortRange {
    from: number;
    to: number;
}

/**
 * The ports of `transport` ("tcp" or "udp") a rule opens: every port for protocol "all" (AWS ignores
 * fromPort/toPort then), the rule's range for that transport, `null` for other protocols (ICMP opens no
 * ports) or a range that is not given, `UNKNOWN` when the protocol or a needed port is unknown.
 */
export function portsFor(
    transport: "tcp" | "udp",
    protocol: Protocol | Unknown | undefined,
    fromPort: number | Unknown | undefined,
    toPort: number | Unknown | undefined,
): PortRange | null | Unknown {
    if (protocol === UNKNOWN) {
        return UNKNOWN;
    }
    if (protocol === "all") {
        return { from: 0, to: MAX_PORT };
    }
    if (protocol !== transport) {
        return null;
    }
    if (fromPort === UNKNOWN || toPort === UNKNOWN) {
        return UNKNOWN;
    }
    if (fromPort === undefined || toPort === undefined) {
        return null;
    }
    return { from: fromPort, to: toPort };
}

/** True when `range` contains `port` (20-30 contains 22). */
export function includesPort(range: PortRange | null | Unknown, port: number): boolean {
    return range !== null && range !== UNKNOWN && range.from <= port && port <= range.to;
}

/** True when `range` is every port: 0-65535, or 1-65535 (port 0 is reserved, so that is all ports too). */
export function isAllPorts(range: PortRange | null | Unknown): boolean {
    return range !== null && range !== UNKNOWN && range.from <= 1 && range.to >= MAX_PORT;
}

/** "all" for protocol all, "22" for a single port, "20-30" for a range, "(unknown)" when not known. */
export function formatPorts(
    protocol: Protocol | Unknown | undefined,
    fromPort: number | Unknown | undefined,
    toPort: number | Unknown | undefined,
): string {
    if (protocol === "all") {
        return "all";
    }
    const show = (p: number | Unknown | undefined) => (p === UNKNOWN ? "(unknown)" : p === undefined ? "(not set)" : String(p));
    return fromPort === toPort ? show(fromPort) : `${show(fromPort)}-${show(toPort)}`;
}

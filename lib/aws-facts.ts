/**
 * Facts about AWS that the program relies on, in one place, each with its source.
 * Pure data and pure functions: no Pulumi resources, no I/O.
 */

export type Architecture = "x86_64" | "arm64";

/** An AMI alias resolved through AWS's public SSM parameters. */
export interface AmiAlias {
    /** Public SSM parameter that holds the current AMI id. */
    parameter: string;
    architecture: Architecture;
    /** Default login user of the image. */
    loginUser: string;
}

/**
 * AMI aliases. Parameter paths from the AWS docs:
 * - Amazon Linux 2023: https://docs.aws.amazon.com/linux/al2023/ug/ec2.html#launch-from-ssm
 * - Ubuntu: https://documentation.ubuntu.com/aws/aws-how-to/instances/find-ubuntu-images/
 */
export const AMI_ALIASES: Record<string, AmiAlias> = {
    "al2023": {
        parameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        architecture: "x86_64",
        loginUser: "ec2-user",
    },
    "al2023-arm64": {
        parameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
        architecture: "arm64",
        loginUser: "ec2-user",
    },
    "ubuntu-24.04": {
        parameter: "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
        architecture: "x86_64",
        loginUser: "ubuntu",
    },
    "ubuntu-24.04-arm64": {
        parameter: "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id",
        architecture: "arm64",
        loginUser: "ubuntu",
    },
};

/** `ami-` followed by 8 or 17 hex digits (the old and the current id formats). */
export const AMI_ID_PATTERN = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * Login user of a pinned AMI, from its name/description as published by the vendor.
 * Sources: the "default user name" table in
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/managing-users.html
 */
const LOGIN_USERS: { pattern: RegExp; user: string }[] = [
    { pattern: /ubuntu/i, user: "ubuntu" },
    { pattern: /debian/i, user: "admin" },
    { pattern: /(^|[^a-z])(al2023|amzn2?|amazon linux)/i, user: "ec2-user" },
    { pattern: /rhel|red hat/i, user: "ec2-user" },
    { pattern: /suse|sles/i, user: "ec2-user" },
    { pattern: /fedora/i, user: "fedora" },
    { pattern: /centos/i, user: "centos" },
    { pattern: /rocky/i, user: "rocky" },
    { pattern: /almalinux/i, user: "ec2-user" },
    { pattern: /bitnami/i, user: "bitnami" },
];

/** The login user for an AMI name, or "ec2-user" (the most common default) when unknown. */
export function loginUserForAmiName(name: string): string {
    return LOGIN_USERS.find(l => l.pattern.test(name))?.user ?? "ec2-user";
}

/**
 * Instance type families and their CPU architecture.
 * Source: https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html
 * Graviton (arm64) families end in `g`, `gd`, `gn` (plus a1, im4gn, is4gen, i4g, i8g, x2gd, x8g, g5g).
 */
const ARM64_FAMILIES = [
    "a1", "t4g",
    "m6g", "m6gd", "m7g", "m7gd", "m8g", "m8gd",
    "c6g", "c6gd", "c6gn", "c7g", "c7gd", "c7gn", "c8g", "c8gd", "c8gn",
    "r6g", "r6gd", "r7g", "r7gd", "r8g", "r8gd",
    "x2gd", "x8g", "im4gn", "is4gen", "i4g", "i8g", "g5g",
];
const X86_FAMILIES = [
    "t2", "t3", "t3a",
    "m4", "m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn", "m6a", "m6i", "m6id", "m6idn", "m6in",
    "m7a", "m7i", "m7i-flex", "m8a", "m8i", "m8i-flex",
    "c4", "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6i", "c6id", "c6in", "c7a", "c7i", "c7i-flex", "c8a", "c8i", "c8i-flex",
    "r4", "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a", "r6i", "r6id", "r6idn", "r6in",
    "r7a", "r7i", "r7iz", "r8a", "r8i", "r8i-flex",
    "x1", "x1e", "x2idn", "x2iedn", "x2iezn", "z1d", "u7i-6tb", "u7i-8tb", "u7i-12tb",
    "i3", "i3en", "i4i", "i7i", "i7ie", "d2", "d3", "d3en", "h1",
    "g4dn", "g4ad", "g5", "g6", "g6e", "gr6", "p3", "p4d", "p5", "p5e", "inf1", "inf2", "trn1", "trn2", "dl1", "vt1", "f1", "f2",
];

/** Burstable families have their own size ladder (nano … 2xlarge). */
const BURSTABLE_SIZES = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"];
const STANDARD_SIZES = [
    "large", "xlarge", "2xlarge", "3xlarge", "4xlarge", "6xlarge", "8xlarge", "9xlarge", "10xlarge",
    "12xlarge", "16xlarge", "18xlarge", "24xlarge", "32xlarge", "48xlarge", "96xlarge",
    "metal", "metal-24xl", "metal-48xl",
];

const FAMILY_ARCH = new Map<string, Architecture>([
    ...ARM64_FAMILIES.map(f => [f, "arm64"] as const),
    ...X86_FAMILIES.map(f => [f, "x86_64"] as const),
]);

function sizesFor(family: string): string[] {
    if (/^t\d/.test(family)) {
        return BURSTABLE_SIZES;
    }
    // Graviton general families, and a few Intel/AMD "flex" ones, also come in `medium`.
    return /g[dn]?$|^a1$|-flex$/.test(family) ? ["medium", ...STANDARD_SIZES] : STANDARD_SIZES;
}

/** Every known `family.size` instance type (used for typo suggestions). */
export const KNOWN_INSTANCE_TYPES: readonly string[] = [...FAMILY_ARCH.keys()]
    .flatMap(f => sizesFor(f).map(s => `${f}.${s}`));
const KNOWN_SET = new Set(KNOWN_INSTANCE_TYPES);

/** The architecture of a known instance type, or undefined when the type is not known. */
export function instanceTypeArchitecture(instanceType: string): Architecture | undefined {
    if (!KNOWN_SET.has(instanceType)) {
        return undefined;
    }
    return FAMILY_ARCH.get(instanceType.split(".")[0]);
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
    const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = tmp;
        }
    }
    return prev[b.length];
}

/** The closest candidate within `maxDistance` edits (case-insensitive), if any. */
export function closest(value: string, candidates: readonly string[], maxDistance = 2): string | undefined {
    let best: string | undefined;
    let bestDistance = maxDistance + 1;
    const v = value.toLowerCase();
    for (const c of candidates) {
        const d = editDistance(v, c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

/** EBS volume types this project supports, with their limits. Source: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html */
export interface EbsTypeLimits {
    minSizeGiB: number;
    maxSizeGiB: number;
    /** Provisioned IOPS range, when the type takes an `iops` setting. */
    iops?: { min: number; max: number; required: boolean };
    /** Throughput range in MiB/s, when the type takes a `throughput` setting. */
    throughput?: { min: number; max: number };
}

export const EBS_TYPES: Record<string, EbsTypeLimits> = {
    gp3: { minSizeGiB: 1, maxSizeGiB: 65536, iops: { min: 3000, max: 80000, required: false }, throughput: { min: 125, max: 2000 } },
    gp2: { minSizeGiB: 1, maxSizeGiB: 16384 },
    io1: { minSizeGiB: 4, maxSizeGiB: 16384, iops: { min: 100, max: 64000, required: true } },
    io2: { minSizeGiB: 4, maxSizeGiB: 65536, iops: { min: 100, max: 256000, required: true } },
    st1: { minSizeGiB: 125, maxSizeGiB: 16384 },
    sc1: { minSizeGiB: 125, maxSizeGiB: 16384 },
};

/** Root volumes must be SSD-backed: st1/sc1 cannot be boot volumes. */
export const ROOT_VOLUME_TYPES = ["gp3", "gp2", "io1", "io2"];

/**
 * Device names that EC2 recommends for attaching EBS data volumes to Linux instances.
 * Source: https://docs.aws.amazon.com/ebs/latest/userguide/device_naming.html
 */
export const DATA_DEVICE_PATTERN = /^\/dev\/(sd|xvd)[f-p]$/;

/** User data is limited to 16 KB before base64 encoding. Source: the EC2 user data docs. */
export const USER_DATA_MAX_BYTES = 16384;

/** The interface endpoints Session Manager needs when an instance has no route to the internet. */
export const SSM_ENDPOINT_SERVICES = ["ssm", "ssmmessages", "ec2messages"];

/** The managed policy that gives an instance exactly what the SSM agent needs. */
export const SSM_MANAGED_POLICY = "AmazonSSMManagedInstanceCore";

/** Private address ranges a VPC CIDR may use: RFC 1918 and the RFC 6598 shared range AWS also accepts. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

/**
 * The facts file (`npm run plan -- --facts FILE`) as a schema, and its check: offline/facts.ts parseFacts loads this
 * module when first called, so the AWS model, which reads that module's id patterns, does not load valibot.
 *
 * Version 1 (YAML, or JSON). Every section, id and field is optional:
 *
 *   version: 1
 *   images:                         # AMIs, by id
 *     ami-0f3a9b8c7d6e5f401:
 *       architecture: arm64         # x86_64 | arm64
 *       rootSizeGiB: 20             # size of the root snapshot: the smallest root volume it boots with
 *       platform: linux             # linux | windows
 *       name: acme-golden-ubuntu-24.04-20251101   # the AMI's name; the program derives the login user from
 *       description: Acme golden image            #   name + description, exactly as it does in `pulumi up`
 *   subnets:
 *     subnet-0b1c2d3e4f5a69788:
 *       availabilityZone: ap-northeast-2a
 *       vpcId: vpc-0a1b2c3d4e5f67890
 *       cidr: 10.20.0.0/20          # private IPs are drawn from it (without it they show <private-ip>)
 *       mapPublicIpOnLaunch: false  # whether servers launched in it get a public IPv4 address by default
 *   securityGroups:
 *     sg-0a9b8c7d6e5f40312: { vpcId: vpc-0a1b2c3d4e5f67890 }
 *   vpcs:
 *     vpc-0a1b2c3d4e5f67890: { cidr: 10.20.0.0/16 }
 *
 * Every problem is reported at once, in this order: the version, unknown sections, then each section in the order
 * above, its entries and their fields in the file's order (an id of the wrong kind or shape, an entry that is not a
 * mapping, an unknown field, a value out of range), and last the rule between entries: a subnet's CIDR inside its
 * VPC's. There is no `loginUser` field on purpose: the program derives the login user from the AMI's name, so a
 * login user given here could differ from what `pulumi up` outputs; give the `name` instead.
 */
import * as v from "valibot";
import { ipv4Contains, parseIpv4Cidr } from "../lib/cidr";
import { fields, gotExpected, mapping, onlyKeys, shape, validate } from "../lib/schema";
import { isRecord } from "../lib/values";
import { FACTS_FORMAT_VERSION, FactsFormatError, ID_PATTERNS, ZONE_PATTERN, isNetworkCidr, type OfflineFacts } from "./facts";

const oneOf = <const T extends readonly string[]>(...values: T) => v.picklist(values, gotExpected(`one of ${values.join(", ")}`));

const idOf = (pattern: RegExp, example: string) => {
    const message = gotExpected(`an id like ${example}`);
    return v.pipe(v.string(message), v.regex(pattern, message));
};

const text = (max: number) => {
    const message = gotExpected(`a non-empty string of at most ${max} characters`);
    return v.pipe(v.string(message), v.minLength(1, message), v.maxLength(max, message));
};

const size = gotExpected("an integer size in GiB from 1 to 65536");
const zoneMessage = gotExpected("a zone name like ap-northeast-2a");
const CIDR = v.custom<string>(isNetworkCidr, gotExpected("an IPv4 CIDR with no host bits, like 10.20.0.0/20"));

const VPC_ID = idOf(ID_PATTERNS.vpc, "vpc-0123456789abcdef0");

/** The fields of each section's entries. */
const IMAGE = {
    architecture: oneOf("x86_64", "arm64"),
    /** Size of the AMI's root snapshot. */
    rootSizeGiB: v.pipe(v.number(size), v.integer(size), v.minValue(1, size), v.maxValue(65536, size)),
    platform: oneOf("linux", "windows"),
    name: text(128),
    description: text(255),
};
const SUBNET = {
    availabilityZone: v.pipe(v.string(zoneMessage), v.regex(ZONE_PATTERN, zoneMessage)),
    vpcId: VPC_ID,
    cidr: CIDR,
    mapPublicIpOnLaunch: v.boolean(gotExpected("true or false")),
};
const SECURITY_GROUP = { vpcId: VPC_ID };
const VPC = { cidr: CIDR };

/** What the file may say about an id: each field optional. */
type Facts<E extends Record<string, v.GenericSchema>> = { [K in keyof E]?: v.InferOutput<E[K]> };
export type ImageFacts = Facts<typeof IMAGE>;
export type SubnetFacts = Facts<typeof SUBNET>;
export type SecurityGroupFacts = Facts<typeof SECURITY_GROUP>;
export type VpcFacts = Facts<typeof VPC>;

/** A section: entries by id, each a mapping of the section's fields; `hints` adds to an unknown field's message. */
function section<const E extends Record<string, v.GenericSchema>>(id: RegExp, example: string, entry: E, hints: Record<string, string> = {}) {
    const names = Object.keys(entry).join(", ");
    const facts = fields(entry, `expected a mapping of ${names}`, field => `unknown field (expected ${names}${Object.hasOwn(hints, field) ? hints[field] : ""})`);
    return v.nullish(mapping(`expected a mapping of id to facts`, facts, v.pipe(v.string(), v.regex(id, `not an id like ${example}`))));
}

const SECTIONS = {
    images: section(ID_PATTERNS.image, "ami-0123456789abcdef0", IMAGE, {
        loginUser: "; the program derives the login user from the AMI's name and description, as in `pulumi up`: give name",
    }),
    subnets: section(ID_PATTERNS.subnet, "subnet-0123456789abcdef0", SUBNET),
    securityGroups: section(ID_PATTERNS.securityGroup, "sg-0123456789abcdef0", SECURITY_GROUP),
    vpcs: section(ID_PATTERNS.vpc, "vpc-0123456789abcdef0", VPC),
};
const SECTION_NAMES = Object.keys(SECTIONS);

/** The facts file: everything but the rule between entries (subnetsOutsideTheirVpc). */
export const FACTS_FILE = v.pipe(
    v.custom<Record<string, unknown>>(isRecord, "top level is not a mapping"),
    v.intersect([
        shape({ version: v.literal(FACTS_FORMAT_VERSION, gotExpected(String(FACTS_FORMAT_VERSION))) }, ""),
        onlyKeys(["version", ...SECTION_NAMES], () => `unknown section (expected ${SECTION_NAMES.join(", ")})`),
        shape(SECTIONS, ""),
    ]),
);

/**
 * Each subnet whose CIDR is not inside its VPC's, as far as the file's valid fields tell: a problem with other fields
 * or entries does not hide this one.
 */
function subnetsOutsideTheirVpc(file: Record<string, unknown>): string[] {
    const entries = (s: unknown) => (isRecord(s) ? Object.entries(s).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])) : []);
    const valid = <T>(schema: v.GenericSchema<unknown, T>, x: unknown): T | undefined => (v.is(schema, x) ? x as T : undefined);
    const vpcs = new Map(entries(file.vpcs));
    return entries(file.subnets).flatMap(([id, subnet]) => {
        const cidr = valid(CIDR, subnet.cidr);
        const vpcId = valid(VPC_ID, subnet.vpcId);
        const vpcCidr = vpcId === undefined ? undefined : valid(CIDR, vpcs.get(vpcId)?.cidr);
        return cidr && vpcCidr && !ipv4Contains(parseIpv4Cidr(vpcCidr)!, parseIpv4Cidr(cidr)!)
            ? [`subnets.${id}.cidr: got "${cidr}", expected a block inside its VPC ${vpcId} (${vpcCidr})`]
            : [];
    });
}

/** Checks a parsed facts document; throws FactsFormatError listing every problem. */
export function parseFacts(value: unknown, file: string): OfflineFacts {
    const checked = validate(FACTS_FILE, value);
    const problems = checked.success ? [] : checked.problems.map(p => (p.path === "" ? p.message : `${p.path}: ${p.message}`));
    problems.push(...(isRecord(value) ? subnetsOutsideTheirVpc(value) : []));
    if (!checked.success || problems.length > 0) {
        throw new FactsFormatError(file, problems);
    }
    const source = `facts file ${file}`;
    const withSource = <T extends object>(entries: Record<string, T> | null | undefined) =>
        Object.fromEntries(Object.entries(entries ?? {}).map(([id, facts]) => [id, { ...facts, source }]));
    const { images, subnets, securityGroups, vpcs } = checked.output;
    return { images: withSource(images), subnets: withSource(subnets), securityGroups: withSource(securityGroups), vpcs: withSource(vpcs) };
}

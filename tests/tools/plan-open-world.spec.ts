import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ipv4Contains, parseIpv4Cidr } from "../../lib/cidr";
import { EXISTING } from "../../offline/aws/model";
import { parseFacts, readFactsFile } from "../../offline/facts";
import { main, runPlan, USAGE } from "../../tools/plan";
import { parsePlan } from "../../offline/plan/format";
import { PolicyPackProcess } from "../../offline/policy/pack";
import { runMain, sharedPack } from "./helpers";
import { AMI, SG_1, SG_2, SUBNET_A, SUBNET_C, VPC } from "../fixtures/open-world/ids";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "..", "fixtures", "open-world");
const FACTS = path.join(FIXTURES, "facts.yaml");
const KMS = "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const HEADER = "Not verified offline (the AWS model cannot see these in your account; `pulumi up` looks each one up and fails if it is wrong):";
const PROXY = "-o ProxyCommand='aws ssm start-session --target %h --document-name AWS-StartSSHSession --parameters portNumber=%p --region ap-northeast-2'";

/** A project directory with the real Pulumi.yaml and the given stack files (name → YAML text). */
function project(stacks: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-open-world-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    for (const [name, text] of Object.entries(stacks)) {
        fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), text);
    }
    return dir;
}

/** The lines of the "Not verified offline" section (without its header), or [] when there is none. */
function notVerifiedLines(stdout: string): string[] {
    const lines = stdout.split("\n");
    const start = lines.indexOf(HEADER);
    if (start < 0) {
        return [];
    }
    const end = lines.indexOf("", start);
    return lines.slice(start + 1, end);
}

const GOLDEN = fs.readFileSync(path.join(FIXTURES, "Pulumi.golden.yaml"), "utf8");

describe("tools/plan open world (ids the AWS model cannot know)", function () {
    let pack: PolicyPackProcess;
    const dirs: string[] = [];
    const golden = () => {
        const dir = project({ golden: GOLDEN });
        dirs.push(dir);
        return dir;
    };
    before(async () => {
        pack = await sharedPack();
    });
    after(async () => {
        for (const d of dirs) {
            fs.rmSync(d, { recursive: true, force: true });
        }
    });

    it("a pinned golden AMI and an adopted VPC, subnets and groups: exit 0, and it says what it did not verify", async () => {
        const root = golden();
        const out = path.join(root, "plan.json");
        const r = await runPlan({ root, stack: "golden", out, pack });
        assert.equal(r.stderr, "");
        assert.equal(r.code, 0);
        const expected = [
            { subject: AMI, assumed: "assumed x86_64 (to match instance type t3.small), platform linux; unknown: root snapshot size (the root volume's minimum size is not checked), name and so the login user (outputs show <login-user>)" },
            { subject: SUBNET_A, assumed: `assumed zone ap-northeast-2a (unknown subnets take the region's zones in turn), VPC ${VPC} (the stack's existingVpcId); unknown: CIDR (private IPs show <private-ip>)` },
            { subject: SUBNET_C, assumed: `assumed zone ap-northeast-2b (unknown subnets take the region's zones in turn), VPC ${VPC} (the stack's existingVpcId); unknown: CIDR (private IPs show <private-ip>)` },
            { subject: SG_1, assumed: `assumed to exist in VPC ${VPC} (the subnet's VPC); unknown: its rules` },
            { subject: SG_2, assumed: `assumed to exist in VPC ${VPC} (the subnet's VPC); unknown: its rules` },
            { subject: `KMS key ${KMS}`, assumed: "assumed to exist and to be usable for EBS encryption (not looked up)" },
        ];
        assert.deepEqual(notVerifiedLines(r.stdout), expected.map(a => `    ${a.subject}: ${a.assumed}`));
        // The outputs never show a made-up login user or private address.
        const ids = r.plan!.outputs.instanceIds as string[];
        assert.equal(r.plan!.outputs.loginUser, "<login-user>");
        assert.deepEqual(r.plan!.outputs.privateIps, ["<private-ip>", "<private-ip>"]);
        assert.deepEqual(r.plan!.outputs.sshCommands, ids.map(id => `ssh -i ~/.ssh/ec2-server-golden.pem ${PROXY} <login-user>@${id}`));
        assert.deepEqual(r.plan!.outputs.serverZones, ["ap-northeast-2a", "ap-northeast-2b"]);
        // Nothing of the adopted network is created; the servers use the adopted subnets and groups.
        const servers = r.plan!.resources.filter(x => x.type === "aws:ec2/instance:Instance");
        assert.deepEqual(servers.map(s => [s.inputs.ami, s.inputs.subnetId, s.inputs.vpcSecurityGroupIds]), [[AMI, SUBNET_A, [SG_1, SG_2]], [AMI, SUBNET_C, [SG_1, SG_2]]]);
        assert.deepEqual(r.plan!.resources.filter(x => /vpc:Vpc|subnet:Subnet|securityGroup:SecurityGroup/.test(x.type)), []);
        // The plan file carries the same list, and reads back.
        assert.deepEqual(r.plan!.notVerified, expected);
        assert.deepEqual(parsePlan(JSON.parse(fs.readFileSync(out, "utf8")), out), r.plan);
    });

    it("with --facts: the facts replace the assumptions, the login user comes from the AMI's name, addresses from the CIDRs", async () => {
        const r = await runPlan({ root: golden(), stack: "golden", pack, facts: readFactsFile(FACTS) });
        assert.equal(r.stderr, "");
        assert.equal(r.code, 0);
        const from = `(from facts file ${FACTS})`;
        assert.deepEqual(notVerifiedLines(r.stdout), [
            `    ${AMI}: x86_64, platform linux, 8 GiB root snapshot, name acme-golden-ubuntu-24.04-20251101 ${from}`,
            `    ${SUBNET_A}: zone ap-northeast-2a, VPC ${VPC}, CIDR 10.20.0.0/20 ${from}`,
            `    ${SUBNET_C}: zone ap-northeast-2c, VPC ${VPC}, CIDR 10.20.16.0/20 ${from}`,
            `    ${SG_1}: VPC ${VPC} ${from}; unknown: its rules`,
            `    ${SG_2}: assumed to exist in VPC ${VPC} (the subnet's VPC); unknown: its rules`,
            `    KMS key ${KMS}: assumed to exist and to be usable for EBS encryption (not looked up)`,
        ]);
        const outputs = r.plan!.outputs;
        assert.equal(outputs.loginUser, "ubuntu");
        assert.deepEqual(outputs.serverZones, ["ap-northeast-2a", "ap-northeast-2c"]);
        const [ipA, ipC] = outputs.privateIps as string[];
        assert.equal(ipv4Contains(parseIpv4Cidr("10.20.0.0/20")!, parseIpv4Cidr(`${ipA}/32`)!), true, ipA);
        assert.equal(ipv4Contains(parseIpv4Cidr("10.20.16.0/20")!, parseIpv4Cidr(`${ipC}/32`)!), true, ipC);
        // Each data volume is in its server's zone, which the facts gave.
        assert.deepEqual(r.plan!.resources.filter(x => x.type === "aws:ebs/volume:Volume").map(v => v.inputs.availabilityZone), ["ap-northeast-2a", "ap-northeast-2c"]);
    });

    it("a new group in an adopted VPC the model does not know: the VPC is assumed, the group created in it", async () => {
        const root = project({
            shared: [
                "config:",
                "  aws:region: ap-northeast-2",
                `  ec2-server:existingVpcId: ${VPC}`,
                `  ec2-server:existingSubnetIds: [${SUBNET_A}]`,
                "  ec2-server:sshCidrs: [203.0.113.10/32]",
                "  ec2-server:ingress:",
                "    - { protocol: tcp, port: 443, prefixListId: pl-0123456789abcdef0, description: https from the office }",
                "",
            ].join("\n"),
        });
        dirs.push(root);
        const r = await runPlan({ root, stack: "shared", pack });
        assert.equal(r.stderr, "");
        assert.equal(r.code, 0);
        assert.deepEqual(r.plan!.notVerified, [
            { subject: VPC, assumed: "assumed to exist; unknown: CIDR" },
            { subject: SUBNET_A, assumed: `assumed zone ap-northeast-2a (unknown subnets take the region's zones in turn), VPC ${VPC} (the stack's existingVpcId), mapPublicIpOnLaunch on (the stack's servers take their public IPv4 address from the subnet); unknown: CIDR (private IPs show <private-ip>)` },
            { subject: "pl-0123456789abcdef0", assumed: "assumed to exist (a rule's managed prefix list; not looked up, its entries unknown)" },
        ]);
        const groups = r.plan!.resources.filter(x => x.type === "aws:ec2/securityGroup:SecurityGroup");
        assert.deepEqual(groups.map(g => g.inputs.vpcId), [VPC]);
        assert.equal(r.plan!.outputs.loginUser, "ec2-user");
    });

    it("what the facts say is checked: an arm64 golden AMI on t3.small and a bigger root snapshot exit 2 with the program's messages", async () => {
        const facts = readFactsFile(FACTS);
        facts.images[AMI] = { ...facts.images[AMI], architecture: "arm64", rootSizeGiB: 30 };
        const r = await runPlan({ root: golden(), stack: "golden", pack, facts });
        assert.equal(r.code, 2);
        assert.equal(r.stdout, "");
        assert.equal(r.stderr.split("\n").slice(0, 3).join("\n"), [
            "Invalid ec2-server configuration (2 errors); nothing was created:",
            `  - ec2-server:instanceType "t3.small" is x86_64 but the AMI ${AMI} (acme-golden-ubuntu-24.04-20251101) is arm64; choose a matching instance type or AMI`,
            `  - ec2-server:rootVolume.sizeGiB: got 20, expected at least 30 (the size of the root snapshot of ${AMI})`,
        ].join("\n"));
    });

    it("a subnet the facts put in another VPC exits 2, as for an id the model knows", async () => {
        const root = project({
            foreign: [
                "config:",
                "  aws:region: ap-northeast-2",
                `  ec2-server:existingVpcId: ${EXISTING.vpcId}`,
                `  ec2-server:existingSubnetIds: [${EXISTING.subnets[0].id}, ${EXISTING.foreignSubnet.id}]`,
                "",
            ].join("\n"),
        });
        dirs.push(root);
        // Offline nothing is known of these ids but what the facts say (the closed world's network is the tests' own).
        const facts = parseFacts({ version: 1, subnets: { [EXISTING.foreignSubnet.id]: { vpcId: EXISTING.foreignSubnet.vpcId, availabilityZone: "ap-northeast-2a" } } }, "facts.yaml");
        const r = await runPlan({ root, stack: "foreign", pack, facts });
        assert.equal(r.code, 2);
        assert.equal(r.stderr.split("\n").slice(0, 2).join("\n"), [
            "Invalid ec2-server configuration (1 error); nothing was created:",
            `  - ec2-server:existingSubnetIds: got "${EXISTING.foreignSubnet.id}", expected a subnet of ec2-server:existingVpcId ${EXISTING.vpcId} (it is in ${EXISTING.foreignSubnet.vpcId})`,
        ].join("\n"));
    });

    it("an unknown group cannot be in the VPC this stack creates: AWS's refusal, exit 2", async () => {
        const root = project({ newnet: `config:\n  aws:region: ap-northeast-2\n  ec2-server:existingSecurityGroupIds: [${SG_1}]\n` });
        dirs.push(root);
        const r = await runPlan({ root, stack: "newnet", pack });
        assert.equal(r.code, 2);
        assert.match(r.stderr, new RegExp(`InvalidGroup\\.NotFound: The security group '${SG_1}' does not exist in VPC 'vpc-0[0-9a-f]{16}'\n$`));
    });

    it("with --state: the zones and the AMI's architecture come from the deployed stack", async () => {
        const root = golden();
        const state = path.join(root, "state.json");
        const first = await runPlan({ root, stack: "golden", pack, noPolicy: true, facts: readFactsFile(FACTS), writeState: state });
        assert.equal(first.code, 0, first.stderr);
        // No facts file this time: what the state proves replaces the assumptions; the rest is still assumed.
        const r = await runPlan({ root, stack: "golden", pack, noPolicy: true, state });
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(notVerifiedLines(r.stdout).slice(0, 3), [
            `    ${AMI}: x86_64 (from state); assumed platform linux; unknown: root snapshot size (the root volume's minimum size is not checked), name and so the login user (outputs show <login-user>)`,
            `    ${SUBNET_A}: zone ap-northeast-2a (from state); assumed VPC ${VPC} (the stack's existingVpcId); unknown: CIDR (private IPs show <private-ip>)`,
            `    ${SUBNET_C}: zone ap-northeast-2c (from state); assumed VPC ${VPC} (the stack's existingVpcId); unknown: CIDR (private IPs show <private-ip>)`,
        ]);
        assert.deepEqual(r.plan!.outputs.serverZones, ["ap-northeast-2a", "ap-northeast-2c"]);
    });

    it("a stack the model fully knows has no section and no notVerified field", async () => {
        const r = await runPlan({ stack: "dev", pack });
        assert.equal(r.code, 0);
        assert.deepEqual(notVerifiedLines(r.stdout), []);
        assert.equal(r.stdout.includes("Not verified offline"), false);
        assert.equal("notVerified" in r.plan!, false);
    });

    it("--facts: a file that cannot be read or is invalid is a usage error naming every problem", async () => {
        const dir = golden();
        const bad = path.join(dir, "facts.yaml");
        fs.writeFileSync(bad, `version: 1\nimages:\n  ${AMI}: { architecture: amd64, loginUser: ubuntu }\nsubnets:\n  subnet-1: {}\n`);
        await assert.rejects(main(["--root", dir, "--stack", "golden", "--facts", bad]), {
            name: "InputError",
            message: [
                `${bad} is not a valid facts file (version 1):`,
                `  - images.${AMI}.architecture: got "amd64", expected one of x86_64, arm64`,
                `  - images.${AMI}.loginUser: unknown field (expected architecture, rootSizeGiB, platform, name, description; the program derives the login user from the AMI's name and description, as in \`pulumi up\`: give name)`,
                "  - subnets.subnet-1: not an id like subnet-0123456789abcdef0",
            ].join("\n"),
        });
        const missing = path.join(dir, "missing.yaml");
        await assert.rejects(main(["--root", dir, "--stack", "golden", "--facts", missing]), { name: "InputError", message: `cannot read facts file ${missing}: ENOENT` });
    });

    it("as a command (main, as the script runs it): exit 0 for the golden stack, with --facts and --out", async () => {
        const root = golden();
        const out = path.join(root, "plan.json");
        const plain = await runMain(main, USAGE, ["--root", root, "--stack", "golden"], { pack });
        assert.equal(plain.status, 0, plain.stderr);
        assert.equal(notVerifiedLines(plain.stdout).length, 6);
        const told = await runMain(main, USAGE, ["--root", root, "--stack", "golden", "--facts", FACTS, "--out", out], { pack });
        assert.equal(told.status, 0, told.stderr);
        const plan = parsePlan(JSON.parse(fs.readFileSync(out, "utf8")), out);
        assert.deepEqual(plan.notVerified!.map(a => a.subject), [AMI, SUBNET_A, SUBNET_C, SG_1, SG_2, `KMS key ${KMS}`]);
        assert.equal(plan.outputs.loginUser, "ubuntu");
    });
});

// lib/aws-facts.ts: the AWS facts config/, components/ and the AWS model share (AMI aliases and ids, login users,
// instance types and their architecture, EBS limits) and the "did you mean" helper.
import * as assert from "node:assert/strict";
import {
    AMI_ALIASES, AMI_ID_PATTERN, DATA_DEVICE_PATTERN, EBS_TYPES, KNOWN_INSTANCE_TYPES, closest, editDistance, instanceTypeArchitecture,
    loginUserForAmiName,
} from "../../lib/aws-facts";

describe("lib/aws-facts", () => {
    it("AMI ids are ami- with 8 or 17 hex digits", () => {
        for (const id of ["ami-0123456789abcdef0", "ami-12345678"]) assert.match(id, AMI_ID_PATTERN);
        for (const id of ["ami-0123456789ABCDEF0", "ami-123", "ami-0123456789abcdef01", "i-0123456789abcdef0"]) assert.doesNotMatch(id, AMI_ID_PATTERN);
    });

    it("every AMI alias names an SSM parameter and an architecture", () => {
        assert.ok(Object.keys(AMI_ALIASES).length > 0);
        for (const [name, alias] of Object.entries(AMI_ALIASES)) {
            assert.ok(["x86_64", "arm64"].includes(alias.architecture), name);
        }
    });

    it("derives the login user from the AMI name, ec2-user when unknown", () => {
        assert.equal(loginUserForAmiName("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251101"), "ubuntu");
        assert.equal(loginUserForAmiName("debian-12-arm64-20251101-1234"), "admin");
        assert.equal(loginUserForAmiName("al2023-ami-2023.6.20251101.0-kernel-6.1-x86_64"), "ec2-user");
        assert.equal(loginUserForAmiName("acme-golden"), "ec2-user");
    });

    it("knows the architecture of known instance types only", () => {
        assert.equal(instanceTypeArchitecture("t3.micro"), "x86_64");
        assert.equal(instanceTypeArchitecture("t4g.small"), "arm64");
        assert.equal(instanceTypeArchitecture("m7g.medium"), "arm64");
        assert.equal(instanceTypeArchitecture("m7i.medium"), undefined, "Intel m7i has no medium size");
        assert.equal(instanceTypeArchitecture("t3.large2"), undefined);
        assert.ok(KNOWN_INSTANCE_TYPES.includes("c7i-flex.large"));
        assert.equal(new Set(KNOWN_INSTANCE_TYPES).size, KNOWN_INSTANCE_TYPES.length, "no type listed twice");
    });

    it("suggests the closest candidate within two edits, case-insensitively", () => {
        assert.equal(editDistance("kitten", "sitting"), 3);
        assert.equal(editDistance("", "abc"), 3);
        assert.equal(closest("t3.mirco", KNOWN_INSTANCE_TYPES), "t3.micro");
        assert.equal(closest("GP3", ["gp2", "gp3"]), "gp3");
        assert.equal(closest("xyz", ["gp2", "gp3"]), undefined);
    });

    it("EBS types carry their limits, and data devices are /dev/sd[f-p] or /dev/xvd[f-p]", () => {
        assert.ok(EBS_TYPES.gp3 && EBS_TYPES.io2);
        for (const d of ["/dev/sdf", "/dev/xvdp"]) assert.match(d, DATA_DEVICE_PATTERN);
        for (const d of ["/dev/sda1", "/dev/sdq", "/dev/nvme1n1"]) assert.doesNotMatch(d, DATA_DEVICE_PATTERN);
    });
});

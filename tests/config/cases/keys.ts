import { BadCase } from "../helpers";

/** A real DSA public key (`ssh-keygen -t dsa`): EC2 cannot import it. */
const DSA_PUBLIC_KEY = "ssh-dss AAAAB3NzaC1kc3MAAACBANuQb2z5KNYGttQ3ckCF52xrFjrq1+jcHJccc+APLNJrJm5llMuQiHhvbLnsHYjI1JQYs9g0OpDegEjndAChYP4E43rcvAOkfm4Ins6y2akw4oHK5Qi3gmzGylybCKTZg3IsmkAntPZcZ+UHbzu2k+XwkpUnpt68+su1GARowWBnAAAAFQDabppz2aoMdAdXwI8P0AiR6ImOTwAAAIA31udwT5N8donYAu1voXj78PRGsu0k6aene7w7yjvhMOnkZqhXjSOyt3ugOBU34Y+kS8Ilb+bmFqMhNaYzvm5yhYbPtPD2e58CcXlNx1IfLuYEWCmBY7hrFkXOwbphGZsw275zXUES0E4u0LWEtXOzNR+zlZWRsbFPj52SrFLMQQAAAIBrOYo6IUZJODr2bJTfejwfC3XBXtF8NcmwDc5J5+OV0q3Iu+3D/oHIKvln7Vnzsg76nXLzpqxbJSCDfG0KT+aVXYZ8LUbL/UMRBof1sg/pui0nGBIV0/h27RoBbSJFsBRRE1eH/IqRNi/u5iFT6izywkd7cTofbbwtCq7IbEFNtw== me@laptop";

/**
 * The single keys parsed by config/index.ts: unknown keys (typos), the instance type and count, the AMI, the key pair,
 * SSM, user data, tags, monitoring, NAT gateways, and values that are not JSON.
 */
export const KEY_CASES: BadCase[] = [
    {
        name: "typo key",
        raw: {"instancetype":"t3.micro"},
        errors: [
            "ec2-server:instancetype: got \"t3.micro\", expected one of the known keys: ami, autoScaling, availabilityZones, dataVolumes, egress, elasticIp, existingSecurityGroupIds, existingSubnetIds, existingVpcId, ingress, instanceCount, instanceType, keyAlgorithm, keyPair, loadBalancer, monitoring, natGateways, privateSubnets, publicIp, publicKey, rootVolume, sshCidrs, ssm, tags, terminationProtection, userData, userDataReplaceOnChange, vpcCidr (unknown key; did you mean \"instanceType\"?)",
        ],
    },
    {
        name: "unknown key no suggestion",
        raw: {"colour":"blue"},
        errors: [
            "ec2-server:colour: got \"blue\", expected one of the known keys: ami, autoScaling, availabilityZones, dataVolumes, egress, elasticIp, existingSecurityGroupIds, existingSubnetIds, existingVpcId, ingress, instanceCount, instanceType, keyAlgorithm, keyPair, loadBalancer, monitoring, natGateways, privateSubnets, publicIp, publicKey, rootVolume, sshCidrs, ssm, tags, terminationProtection, userData, userDataReplaceOnChange, vpcCidr (unknown key)",
        ],
    },
    {
        name: "instanceType typo",
        raw: {"instanceType":"t3.mirco"},
        errors: [
            "ec2-server:instanceType: got \"t3.mirco\", expected a current EC2 instance type such as t3.micro or m7g.large (did you mean \"t3.micro\"?)",
        ],
    },
    {
        name: "instanceType garbage",
        raw: {"instanceType":"huge"},
        errors: [
            "ec2-server:instanceType: got \"huge\", expected a current EC2 instance type such as t3.micro or m7g.large (unknown instance type)",
        ],
    },
    {
        name: "instanceCount 0",
        raw: {"instanceCount":"0"},
        errors: [
            "ec2-server:instanceCount: got 0, expected an integer from 1 to 50",
        ],
    },
    {
        name: "instanceCount 51",
        raw: {"instanceCount":"51"},
        errors: [
            "ec2-server:instanceCount: got 51, expected an integer from 1 to 50",
        ],
    },
    {
        name: "instanceCount text",
        raw: {"instanceCount":"two"},
        errors: [
            "ec2-server:instanceCount: got \"two\", expected an integer from 1 to 50",
        ],
    },
    {
        name: "ami unknown alias",
        raw: {"ami":"al2024"},
        errors: [
            "ec2-server:ami: got \"al2024\", expected an alias (al2023, al2023-arm64, ubuntu-24.04, ubuntu-24.04-arm64) or an AMI id like ami-0123456789abcdef0 (did you mean \"al2023\"?)",
        ],
    },
    {
        name: "ami bad id",
        raw: {"ami":"ami-123"},
        errors: [
            "ec2-server:ami: got \"ami-123\", expected an alias (al2023, al2023-arm64, ubuntu-24.04, ubuntu-24.04-arm64) or an AMI id like ami-0123456789abcdef0",
        ],
    },
    {
        name: "keyPair bad",
        raw: {"keyPair":"create"},
        errors: [
            "ec2-server:keyPair: got \"create\", expected generate, import or none",
        ],
    },
    {
        name: "keyAlgorithm bad",
        raw: {"keyAlgorithm":"ECDSA"},
        errors: [
            "ec2-server:keyAlgorithm: got \"ECDSA\", expected ED25519 or RSA (did you mean \"RSA\"?)",
        ],
    },
    {
        name: "keyAlgorithm lower",
        raw: {"keyAlgorithm":"ed25519"},
        errors: [
            "ec2-server:keyAlgorithm: got \"ed25519\", expected ED25519 or RSA (did you mean \"ED25519\"?)",
        ],
    },
    {
        name: "import pem",
        raw: {"keyPair":"import","publicKey":"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----"},
        errors: [
            "ec2-server:publicKey: got \"-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----\", expected an OpenSSH public key (\"<type> <base64> [comment]\") of type ssh-ed25519 or ssh-rsa (PEM is not accepted; convert with `ssh-keygen -y -f key.pem`)",
        ],
    },
    {
        name: "import mismatched blob",
        raw: {"keyPair":"import","publicKey":"ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIDcS+I3a64JqQTvcswVV/t2uXw9djYNJrFOjHLlRc6Ib user@laptop"},
        errors: [
            "ec2-server:publicKey: got \"ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIDcS+I3a64JqQTvcswVV/t2uXw9djYNJrFOjHLlRc6Ib user@laptop\", expected an OpenSSH public key (\"<type> <base64> [comment]\") of type ssh-ed25519 or ssh-rsa (the key data does not encode a ssh-rsa key)",
        ],
    },
    {
        name: "import rsa without exponent and modulus",
        raw: {"keyPair":"import","publicKey":"ssh-rsa AAAAB3NzaC1yc2E= user@laptop"},
        errors: [
            "ec2-server:publicKey: got \"ssh-rsa AAAAB3NzaC1yc2E= user@laptop\", expected an OpenSSH public key (\"<type> <base64> [comment]\") of type ssh-ed25519 or ssh-rsa (the key data does not encode a ssh-rsa key)",
        ],
    },
    {
        name: "import ed25519 with a short key",
        raw: {"keyPair":"import","publicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAHzcS+I3a64JqQTvcswVV/t2uXw9djYNJrFOjHLlRc6I= user@laptop"},
        errors: [
            "ec2-server:publicKey: got \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAHzcS+I3a64JqQTvcswVV/t2uXw9djYNJrFOjHLlRc6I= user@laptop\", expected an OpenSSH public key (\"<type> <base64> [comment]\") of type ssh-ed25519 or ssh-rsa (the key data does not encode a ssh-ed25519 key)",
        ],
    },
    {
        name: "import ssh-dss",
        raw: {"keyPair":"import","publicKey":DSA_PUBLIC_KEY},
        errors: [
            "ec2-server:publicKey: got \"ssh-dss AAAAB3NzaC1kc3MAAACBANuQb2z5KNYGttQ3ckCF52xrFjrq1+jcHJccc+APLNJrJm5llMuQiHhvbLnsHYjI1JQYs9g0OpDegEjndAChYP4E..., expected an OpenSSH public key (\"<type> <base64> [comment]\") of type ssh-ed25519 or ssh-rsa (EC2 ImportKeyPair accepts only ED25519 and RSA keys, not \"ssh-dss\")",
        ],
    },
    {
        name: "import security-key ed25519",
        raw: {"keyPair":"import","publicKey":"sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIDcS+I3a64JqQTvcswVV me@yubikey"},
        errors: [
            "ec2-server:publicKey: got \"sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIDcS+I3a64JqQTvcswVV me@yubikey\", expected an OpenSSH public key (\"<type> <base64> [comment]\") of type ssh-ed25519 or ssh-rsa (EC2 ImportKeyPair accepts only ED25519 and RSA keys, not \"sk-ssh-ed25519@openssh.com\")",
        ],
    },
    {
        name: "ssm not bool",
        raw: {"ssm":"1"},
        errors: [
            "ec2-server:ssm: got \"1\", expected true or false",
        ],
    },
    {
        name: "userData too big",
        raw: {"userData":"x".repeat(16385)},
        errors: [
            "ec2-server:userData: got \"16385 bytes\", expected at most 16384 bytes (EC2's limit before base64)",
        ],
    },
    {
        name: "monitoring not bool",
        raw: {"monitoring":"on"},
        errors: [
            "ec2-server:monitoring: got \"on\", expected true or false",
        ],
    },
    {
        name: "terminationProtection not bool",
        raw: {"terminationProtection":"True"},
        errors: [
            "ec2-server:terminationProtection: got \"True\", expected true or false",
        ],
    },
    {
        name: "tags not object",
        raw: {"tags":"[\"a\"]"},
        errors: [
            "ec2-server:tags: got [\"a\"], expected an object of tag keys to string values, e.g. {\"Team\": \"platform\"}",
        ],
    },
    {
        name: "tags aws prefix",
        raw: {"tags":"{\"aws:team\":\"x\"}"},
        errors: [
            "ec2-server:tags.aws:team: got \"aws:team\", expected a tag key of 1 to 128 characters that does not start with aws: (reserved by AWS)",
        ],
    },
    {
        name: "tags Name",
        raw: {"tags":"{\"Name\":\"x\"}"},
        errors: [
            "ec2-server:tags.Name: got \"x\", expected no Name tag: the program names every resource after the stack and component",
        ],
    },
    {
        name: "tags non-string value",
        raw: {"tags":"{\"CostCenter\":42}"},
        errors: [
            "ec2-server:tags.CostCenter: got 42, expected a string of at most 256 characters",
        ],
    },
    {
        name: "ingress bad json",
        raw: {"ingress":"[{protocol: tcp"},
        errors: [
            "ec2-server:ingress: got \"[{protocol: tcp\", expected a list of rules (not a list or object; set it in the stack file or with `pulumi config set --path`)",
        ],
    },
    {
        name: "natGateways typo",
        raw: {"natGateways":"perAZ","privateSubnets":"true"},
        errors: [
            "ec2-server:natGateways: got \"perAZ\", expected one of none, single, perAz (did you mean \"perAz\"?)",
        ],
    },
    {
        name: "natGateways unknown",
        raw: {"natGateways":"two"},
        errors: [
            "ec2-server:natGateways: got \"two\", expected one of none, single, perAz",
        ],
    },
];

import * as util from "node:util";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import {
    ConfigError, DEFAULTS, configFromKeys, KNOWN_KEYS, RawConfig, cronProblem, formatErrors, parseConfig, timeZoneProblem,
} from "../../config";
import { ruleSlug } from "../../lib/rule-names";
import { ecdsaKey, ed25519Key, rsaKey } from "../../offline/ssh-keys";

/** A real DSA public key (`ssh-keygen -t dsa`): EC2 cannot import it. */
const DSA_PUBLIC_KEY = "ssh-dss AAAAB3NzaC1kc3MAAACBANuQb2z5KNYGttQ3ckCF52xrFjrq1+jcHJccc+APLNJrJm5llMuQiHhvbLnsHYjI1JQYs9g0OpDegEjndAChYP4E43rcvAOkfm4Ins6y2akw4oHK5Qi3gmzGylybCKTZg3IsmkAntPZcZ+UHbzu2k+XwkpUnpt68+su1GARowWBnAAAAFQDabppz2aoMdAdXwI8P0AiR6ImOTwAAAIA31udwT5N8donYAu1voXj78PRGsu0k6aene7w7yjvhMOnkZqhXjSOyt3ugOBU34Y+kS8Ilb+bmFqMhNaYzvm5yhYbPtPD2e58CcXlNx1IfLuYEWCmBY7hrFkXOwbphGZsw275zXUES0E4u0LWEtXOzNR+zlZWRsbFPj52SrFLMQQAAAIBrOYo6IUZJODr2bJTfejwfC3XBXtF8NcmwDc5J5+OV0q3Iu+3D/oHIKvln7Vnzsg76nXLzpqxbJSCDfG0KT+aVXYZ8LUbL/UMRBof1sg/pui0nGBIV0/h27RoBbSJFsBRRE1eH/IqRNi/u5iFT6izywkd7cTofbbwtCq7IbEFNtw== me@laptop";

/** Each bad input and the exact errors it must produce (all at once, nothing else). */
const BAD: { name: string; raw: RawConfig; errors: string[] }[] = [
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
        name: "arch mismatch",
        raw: {"instanceType":"t4g.small","ami":"al2023"},
        errors: [
            "ec2-server:instanceType \"t4g.small\" is arm64 but ec2-server:ami \"al2023\" is x86_64; use an x86_64 instance type or an arm64 AMI alias such as al2023-arm64",
        ],
    },
    {
        name: "vpcCidr bad",
        raw: {"vpcCidr":"10.0.0.0/33"},
        errors: [
            "ec2-server:vpcCidr: got \"10.0.0.0/33\", expected an IPv4 CIDR with a prefix from /16 to /24 (subnets are carved as /prefix+4)",
        ],
    },
    {
        name: "vpcCidr too small",
        raw: {"vpcCidr":"10.0.0.0/26"},
        errors: [
            "ec2-server:vpcCidr: got \"10.0.0.0/26\", expected an IPv4 CIDR with a prefix from /16 to /24 (subnets are carved as /prefix+4)",
        ],
    },
    {
        name: "vpcCidr host bits",
        raw: {"vpcCidr":"10.0.1.0/16"},
        errors: [
            "ec2-server:vpcCidr: got \"10.0.1.0/16\", expected a network address with no host bits set (did you mean \"10.0.0.0/16\"?)",
        ],
    },
    {
        name: "vpcCidr public",
        raw: {"vpcCidr":"8.8.0.0/16"},
        errors: [
            "ec2-server:vpcCidr: got \"8.8.0.0/16\", expected a private range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10",
        ],
    },
    {
        name: "azs 0",
        raw: {"availabilityZones":"0"},
        errors: [
            "ec2-server:availabilityZones: got 0, expected an integer from 1 to 6",
        ],
    },
    {
        name: "azs 7",
        raw: {"availabilityZones":"7"},
        errors: [
            "ec2-server:availabilityZones: got 7, expected an integer from 1 to 6",
        ],
    },
    {
        name: "privateSubnets not bool",
        raw: {"privateSubnets":"yes"},
        errors: [
            "ec2-server:privateSubnets: got \"yes\", expected true or false",
        ],
    },
    {
        name: "existing vpc without subnets",
        raw: {"existingVpcId":"vpc-0e1d2c3b4a5968778"},
        errors: [
            "ec2-server:existingVpcId is set but ec2-server:existingSubnetIds is not; adopting a network needs both",
        ],
    },
    {
        name: "existing subnets without vpc",
        raw: {"existingSubnetIds":"[\"subnet-0aa11bb22cc33dd44\"]"},
        errors: [
            "ec2-server:existingSubnetIds is set but ec2-server:existingVpcId is not; adopting a network needs both",
        ],
    },
    {
        name: "existing vpc bad id",
        raw: {"existingVpcId":"vpc-xyz","existingSubnetIds":"[\"subnet-0aa11bb22cc33dd44\"]"},
        errors: [
            "ec2-server:existingVpcId: got \"vpc-xyz\", expected a VPC id like vpc-0123456789abcdef0",
        ],
    },
    {
        name: "existing subnet bad id",
        raw: {"existingVpcId":"vpc-0e1d2c3b4a5968778","existingSubnetIds":"[\"subnet-1\", \"subnet-0aa11bb22cc33dd44\"]"},
        errors: [
            "ec2-server:existingSubnetIds[0]: got \"subnet-1\", expected a subnet id like subnet-0123456789abcdef0",
        ],
    },
    {
        name: "existing subnets empty",
        raw: {"existingVpcId":"vpc-0e1d2c3b4a5968778","existingSubnetIds":"[]"},
        errors: [
            "ec2-server:existingSubnetIds: got [], expected a non-empty list; each item a subnet id like subnet-0123456789abcdef0",
        ],
    },
    {
        name: "existing + vpcCidr",
        raw: {"existingVpcId":"vpc-0e1d2c3b4a5968778","existingSubnetIds":"[\"subnet-0aa11bb22cc33dd44\"]","vpcCidr":"10.1.0.0/16"},
        errors: [
            "Cannot specify both ec2-server:existingVpcId and ec2-server:vpcCidr: an adopted network keeps its own CIDR",
        ],
    },
    {
        name: "existing + privateSubnets",
        raw: {"existingVpcId":"vpc-0e1d2c3b4a5968778","existingSubnetIds":"[\"subnet-0aa11bb22cc33dd44\"]","privateSubnets":"true"},
        errors: [
            "Cannot specify both ec2-server:existingVpcId and ec2-server:privateSubnets: true: no subnets are created in an adopted network",
        ],
    },
    {
        name: "eip in private",
        raw: {"elasticIp":"true","publicIp":"false","privateSubnets":"true"},
        errors: [
            "ec2-server:elasticIp: true needs a public subnet, but publicIp: false with privateSubnets: true places servers in private subnets; set privateSubnets: false or elasticIp: false",
        ],
    },
    {
        name: "sshCidrs not list",
        raw: {"sshCidrs":"203.0.113.10/32"},
        errors: [
            "ec2-server:sshCidrs: got \"203.0.113.10/32\", expected a list of IPv4 or IPv6 CIDRs (not a list or object; set it in the stack file or with `pulumi config set --path`)",
        ],
    },
    {
        name: "sshCidrs bad cidr",
        raw: {"sshCidrs":"[\"203.0.113.300/32\"]"},
        errors: [
            "ec2-server:sshCidrs[0]: got \"203.0.113.300/32\", expected an IPv4 or IPv6 CIDR such as 203.0.113.10/32 or 2001:db8::/64",
        ],
    },
    {
        name: "sshCidrs host bits",
        raw: {"sshCidrs":"[\"203.0.113.10/24\"]"},
        errors: [
            "ec2-server:sshCidrs[0]: got \"203.0.113.10/24\", expected a CIDR with no host bits set (AWS would store it normalised and show a diff forever) (did you mean \"203.0.113.0/24\"?)",
        ],
    },
    {
        name: "sshCidrs v6 host bits",
        raw: {"sshCidrs":"[\"2001:db8::1/64\"]"},
        errors: [
            "ec2-server:sshCidrs[0]: got \"2001:db8::1/64\", expected an IPv6 CIDR with no host bits set",
        ],
    },
    {
        name: "sshCidrs with keyPair none",
        raw: {"sshCidrs":"[\"203.0.113.10/32\"]","keyPair":"none"},
        errors: [
            "ec2-server:sshCidrs opens port 22 but ec2-server:keyPair is none, so nobody can log in over SSH; remove sshCidrs or set keyPair: generate",
        ],
    },
    {
        name: "ingress not list",
        raw: {"ingress":"{\"protocol\":\"tcp\"}"},
        errors: [
            "ec2-server:ingress: got {\"protocol\":\"tcp\"}, expected a list of rules {protocol, port or fromPort/toPort, cidr / ipv6Cidr / prefixListId / sourceSecurityGroupId, description}",
        ],
    },
    {
        name: "ingress bad protocol",
        raw: {"ingress":"[{\"protocol\":\"http\",\"port\":80,\"cidr\":\"0.0.0.0/0\",\"description\":\"web\"}]"},
        errors: [
            "ec2-server:ingress[0].protocol: got \"http\", expected one of tcp, udp, icmp, icmpv6, all",
        ],
    },
    {
        name: "ingress port out of range",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"port\":70000,\"cidr\":\"203.0.113.0/24\",\"description\":\"x\"}]"},
        errors: [
            "ec2-server:ingress[0].port: got 70000, expected an integer port from 0 to 65535",
        ],
    },
    {
        name: "ingress from > to",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"fromPort\":9000,\"toPort\":8000,\"cidr\":\"203.0.113.0/24\",\"description\":\"x\"}]"},
        errors: [
            "ec2-server:ingress[0].toPort: got 8000, expected a port from fromPort (9000) to 65535",
        ],
    },
    {
        name: "ingress no port",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"cidr\":\"203.0.113.0/24\",\"description\":\"x\"}]"},
        errors: [
            "ec2-server:ingress[0]: got {\"protocol\":\"tcp\",\"cidr\":\"203.0.113.0/24\",\"description\":\"x\"}, expected a tcp rule with port, or with both fromPort and toPort",
        ],
    },
    {
        name: "ingress port and range",
        raw: {"ingress":"[{\"protocol\":\"udp\",\"port\":53,\"fromPort\":53,\"toPort\":53,\"cidr\":\"203.0.113.0/24\",\"description\":\"dns\"}]"},
        errors: [
            "ec2-server:ingress[0].port: got 53, expected either port or fromPort/toPort, not both",
        ],
    },
    {
        name: "ingress all with port",
        raw: {"ingress":"[{\"protocol\":\"all\",\"port\":22,\"cidr\":\"10.0.0.0/8\",\"description\":\"x\"}]"},
        errors: [
            "ec2-server:ingress[0].port: got 22, expected no ports for protocol all (it means every protocol and port)",
        ],
    },
    {
        name: "ingress icmp with port",
        raw: {"ingress":"[{\"protocol\":\"icmp\",\"port\":8,\"cidr\":\"10.0.0.0/8\",\"description\":\"ping\"}]"},
        errors: [
            "ec2-server:ingress[0].port: got 8, expected no ports for icmp; use icmpType/icmpCode (default -1, all)",
        ],
    },
    {
        name: "ingress icmp code without type",
        raw: {"ingress":"[{\"protocol\":\"icmp\",\"icmpCode\":4,\"cidr\":\"10.0.0.0/8\",\"description\":\"frag needed\"}]"},
        errors: [
            "ec2-server:ingress[0].icmpCode: got 4, expected -1 or no icmpCode while icmpType is -1 or absent (all ICMP types) (AWS requires code -1 with type -1; set icmpType to the type this code belongs to)",
        ],
    },
    {
        name: "egress icmpv6 type -1 with a code",
        raw: {"egress":"[{\"protocol\":\"icmpv6\",\"icmpType\":-1,\"icmpCode\":\"0\",\"ipv6Cidr\":\"::/0\",\"description\":\"icmpv6\"}]"},
        errors: [
            "ec2-server:egress[0].icmpCode: got \"0\", expected -1 or no icmpCode while icmpType is -1 or absent (all ICMP types) (AWS requires code -1 with type -1; set icmpType to the type this code belongs to)",
        ],
    },
    {
        name: "ingress no source",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"port\":443,\"description\":\"web\"}]"},
        errors: [
            "ec2-server:ingress[0]: got {\"protocol\":\"tcp\",\"port\":443,\"description\":\"web\"}, expected a rule with at least one of cidr, ipv6Cidr, prefixListId, sourceSecurityGroupId",
        ],
    },
    {
        name: "ingress no description",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"port\":443,\"cidr\":\"0.0.0.0/0\"}]"},
        errors: [
            "ec2-server:ingress[0].description: got undefined, expected a non-empty description of up to 255 characters from AWS's allowed set (letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*)",
        ],
    },
    {
        name: "ingress bad description chars",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"port\":443,\"cidr\":\"0.0.0.0/0\",\"description\":\"web <prod>\"}]"},
        errors: [
            "ec2-server:ingress[0].description: got \"web <prod>\", expected a non-empty description of up to 255 characters from AWS's allowed set (letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*)",
        ],
    },
    {
        name: "ingress v6 under cidr",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"port\":443,\"cidr\":\"::/0\",\"description\":\"web\"}]"},
        errors: [
            "ec2-server:ingress[0].cidr: got \"::/0\", expected an IPv4 CIDR (put IPv6 CIDRs under ipv6Cidr)",
        ],
    },
    {
        name: "ingress bad sg",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"port\":5432,\"sourceSecurityGroupId\":\"sg-12\",\"description\":\"db\"}]"},
        errors: [
            "ec2-server:ingress[0].sourceSecurityGroupId: got \"sg-12\", expected a security group id like sg-0123456789abcdef0",
        ],
    },
    {
        name: "ingress bad prefix list",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"port\":443,\"prefixListId\":\"pl-zz\",\"description\":\"cf\"}]"},
        errors: [
            "ec2-server:ingress[0].prefixListId: got \"pl-zz\", expected a managed prefix list id like pl-0123456789abcdef0",
        ],
    },
    {
        name: "ingress unknown rule key",
        raw: {"ingress":"[{\"protocol\":\"tcp\",\"port\":443,\"cidrs\":\"0.0.0.0/0\",\"description\":\"web\"}]"},
        errors: [
            "ec2-server:ingress[0].cidrs: got \"0.0.0.0/0\", expected only the rule keys protocol, port, fromPort, toPort, icmpType, icmpCode, cidr, ipv6Cidr, prefixListId, sourceSecurityGroupId, description (unknown rule key; did you mean \"cidr\"?)",
        ],
    },
    {
        name: "ingress duplicate of ssh",
        raw: {"sshCidrs":"[\"203.0.113.10/32\"]","ingress":"[{\"protocol\":\"tcp\",\"port\":22,\"cidr\":\"203.0.113.10/32\",\"description\":\"SSH again\"}]"},
        errors: [
            "ec2-server:ingress: the rule tcp 22 203.0.113.10/32 is given twice (check sshCidrs and ingress); AWS rejects duplicate rules",
        ],
    },
    {
        name: "egress bad word",
        raw: {"egress":"none"},
        errors: [
            "ec2-server:egress: got \"none\", expected \"all\" or a list of rules (not a list or object; set it in the stack file or with `pulumi config set --path`)",
        ],
    },
    {
        name: "egress dest sg key wrong",
        raw: {"egress":"[{\"protocol\":\"tcp\",\"port\":443,\"sourceSecurityGroupId\":\"sg-0123456789abcdef0\",\"description\":\"x\"}]"},
        errors: [
            "ec2-server:egress[0].sourceSecurityGroupId: got \"sg-0123456789abcdef0\", expected only the rule keys protocol, port, fromPort, toPort, icmpType, icmpCode, cidr, ipv6Cidr, prefixListId, destinationSecurityGroupId, description (unknown rule key)",
        ],
    },
    {
        name: "existing sg + ingress",
        raw: {"existingSecurityGroupIds":"[\"sg-0123456789abcdef0\"]","ingress":"[{\"protocol\":\"tcp\",\"port\":443,\"cidr\":\"0.0.0.0/0\",\"description\":\"web\"}]"},
        errors: [
            "Cannot specify both ec2-server:existingSecurityGroupIds and ec2-server:ingress: rules of an existing group are managed where the group is",
        ],
    },
    {
        name: "existing sg bad id",
        raw: {"existingSecurityGroupIds":"[\"sg-nope\"]"},
        errors: [
            "ec2-server:existingSecurityGroupIds[0]: got \"sg-nope\", expected a security group id like sg-0123456789abcdef0",
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
        name: "import without key",
        raw: {"keyPair":"import"},
        errors: [
            "ec2-server:keyPair: import needs ec2-server:publicKey (an OpenSSH public key such as the contents of ~/.ssh/id_ed25519.pub)",
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
        name: "generate with publicKey",
        raw: {"publicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDcS+I3a64JqQTvcswVV/t2uXw9djYNJrFOjHLlRc6Ib user@laptop"},
        errors: [
            "Cannot specify both ec2-server:publicKey and ec2-server:keyPair: generate; set keyPair: import to use your own key",
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
        name: "rootVolume not object",
        raw: {"rootVolume":"20"},
        errors: [
            "ec2-server:rootVolume: got 20, expected an object {sizeGiB, type, encrypted, iops?, throughput?, kmsKeyId?}",
        ],
    },
    {
        name: "rootVolume st1",
        raw: {"rootVolume":"{\"sizeGiB\":200,\"type\":\"st1\"}"},
        errors: [
            "ec2-server:rootVolume.type: got \"st1\", expected one of gp3, gp2, io1, io2",
        ],
    },
    {
        name: "rootVolume size 0",
        raw: {"rootVolume":"{\"sizeGiB\":0}"},
        errors: [
            "ec2-server:rootVolume.sizeGiB: got 0, expected an integer size in GiB for gp3 from 1 to 65536",
        ],
    },
    {
        name: "rootVolume gp2 iops",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"type\":\"gp2\",\"iops\":3000}"},
        errors: [
            "ec2-server:rootVolume.iops: got 3000, expected no iops for gp2 (only gp3, io1, io2 take iops)",
        ],
    },
    {
        name: "rootVolume io2 no iops",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"type\":\"io2\"}"},
        errors: [
            "ec2-server:rootVolume.iops: got undefined, expected an integer IOPS from 100 to 256000 (required for io2)",
        ],
    },
    {
        name: "rootVolume gp3 throughput",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"throughput\":5000}"},
        errors: [
            "ec2-server:rootVolume.throughput: got 5000, expected an integer throughput in MiB/s for gp3 from 125 to 2000",
        ],
    },
    {
        name: "rootVolume unknown key",
        raw: {"rootVolume":"{\"size\":20}"},
        errors: [
            "ec2-server:rootVolume.size: got 20, expected only the keys sizeGiB, type, encrypted, iops, throughput, kmsKeyId (unknown key; did you mean \"sizeGiB\"?)",
        ],
    },
    {
        name: "rootVolume kms unencrypted",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"encrypted\":false,\"kmsKeyId\":\"arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}"},
        errors: [
            "ec2-server:rootVolume.kmsKeyId: got \"arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\", expected no kmsKeyId on an unencrypted volume (set encrypted: true)",
        ],
    },
    {
        name: "rootVolume kms alias name",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"kmsKeyId\":\"alias/ebs\"}"},
        errors: [
            "ec2-server:rootVolume.kmsKeyId: got \"alias/ebs\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…> (AWS stores the key ARN, so an alias or alias ARN is read back as a different value and replaces the volume on every up; use the ARN from `aws kms describe-key --key-id <alias> --query KeyMetadata.Arn`)",
        ],
    },
    {
        name: "dataVolumes kms alias ARN",
        raw: {"dataVolumes":"[{\"name\":\"data\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\",\"kmsKeyId\":\"arn:aws:kms:ap-northeast-2:123456789012:alias/ebs\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].kmsKeyId: got \"arn:aws:kms:ap-northeast-2:123456789012:alias/ebs\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…> (AWS stores the key ARN, so an alias or alias ARN is read back as a different value and replaces the volume on every up; use the ARN from `aws kms describe-key --key-id <alias> --query KeyMetadata.Arn`)",
        ],
    },
    {
        name: "dataVolumes kms bare key id and multi-Region key id",
        raw: {"dataVolumes":"[{\"name\":\"data\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\",\"kmsKeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\"},{\"name\":\"logs\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdg\",\"kmsKeyId\":\"mrk-1234abcd12ab34cd56ef1234567890ab\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].kmsKeyId: got \"1234abcd-12ab-34cd-56ef-1234567890ab\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…> (AWS stores the key ARN, so a bare key id is read back as a different value and replaces the volume on every up; use the key's full ARN)",
            "ec2-server:dataVolumes[1].kmsKeyId: got \"mrk-1234abcd12ab34cd56ef1234567890ab\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…> (AWS stores the key ARN, so a bare key id is read back as a different value and replaces the volume on every up; use the key's full ARN)",
        ],
    },
    {
        name: "rootVolume kms not a key",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"kmsKeyId\":\"arn:aws:kms:ap-northeast-2:12345:key/abc\"}"},
        errors: [
            "ec2-server:rootVolume.kmsKeyId: got \"arn:aws:kms:ap-northeast-2:12345:key/abc\", expected a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…>",
        ],
    },
    {
        name: "rootVolume encrypted string",
        raw: {"rootVolume":"{\"sizeGiB\":20,\"encrypted\":\"yes\"}"},
        errors: [
            "ec2-server:rootVolume.encrypted: got \"yes\", expected true or false",
        ],
    },
    {
        name: "dataVolumes not list",
        raw: {"dataVolumes":"{\"name\":\"data\"}"},
        errors: [
            "ec2-server:dataVolumes: got {\"name\":\"data\"}, expected a list of {name, sizeGiB, type, deviceName, encrypted}",
        ],
    },
    {
        name: "dataVolume missing size",
        raw: {"dataVolumes":"[{\"name\":\"data\",\"deviceName\":\"/dev/sdf\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].sizeGiB: got undefined, expected an integer size in GiB from 1 to 65536 for gp3",
        ],
    },
    {
        name: "dataVolume bad device",
        raw: {"dataVolumes":"[{\"name\":\"data\",\"sizeGiB\":10,\"deviceName\":\"/dev/sda1\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].deviceName: got \"/dev/sda1\", expected a data device name /dev/sdf … /dev/sdp (or /dev/xvdf … /dev/xvdp)",
        ],
    },
    {
        name: "dataVolume bad name",
        raw: {"dataVolumes":"[{\"name\":\"Data Disk\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].name: got \"Data Disk\", expected a short lowercase name matching ^[a-z][a-z0-9-]{0,30}$ (it names the volume resource)",
        ],
    },
    {
        name: "dataVolume dup device",
        raw: {"dataVolumes":"[{\"name\":\"a\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\"},{\"name\":\"b\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\"}]"},
        errors: [
            "ec2-server:dataVolumes[1].deviceName: got \"/dev/sdf\", expected a deviceName not used by another data volume (dataVolumes[0] has it already)",
        ],
    },
    {
        name: "dataVolume bad snapshot",
        raw: {"dataVolumes":"[{\"name\":\"a\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\",\"snapshotId\":\"snap-1\"}]"},
        errors: [
            "ec2-server:dataVolumes[0].snapshotId: got \"snap-1\", expected a snapshot id like snap-0123456789abcdef0",
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
        name: "replaceOnChange without userData",
        raw: {"userDataReplaceOnChange":"true"},
        errors: [
            "ec2-server:userDataReplaceOnChange: true has no effect without ec2-server:userData",
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
    // --- elastic capacity: autoScaling, loadBalancer, natGateways
    {
        name: "autoScaling not object",
        raw: {"autoScaling":"[1]"},
        errors: [
            "ec2-server:autoScaling: got [1], expected an object {min?, max, desired?, cpuTarget?, requestsPerTarget?, schedules?, instanceTypes?, spot?, refresh?, healthCheckGracePeriod?}",
        ],
    },
    {
        name: "autoScaling bad json",
        raw: {"autoScaling":"{max: 4"},
        errors: [
            "ec2-server:autoScaling: got \"{max: 4\", expected an object {min?, max, desired?, cpuTarget?, requestsPerTarget?, schedules?, instanceTypes?, spot?, refresh?, healthCheckGracePeriod?} (not a list or object; set it in the stack file or with `pulumi config set --path`)",
        ],
    },
    {
        name: "autoScaling unknown key",
        raw: {"autoScaling":"{\"max\":4,\"desird\":2}"},
        errors: [
            "ec2-server:autoScaling.desird: got 2, expected only the keys min, max, desired, cpuTarget, requestsPerTarget, schedules, instanceTypes, spot, refresh, healthCheckGracePeriod (unknown key; did you mean \"desired\"?)",
        ],
    },
    {
        name: "autoScaling max missing",
        raw: {"autoScaling":"{\"min\":2}"},
        errors: [
            "ec2-server:autoScaling.max: got undefined, expected an integer from min (2) to 100 (required: the most servers the group may run)",
        ],
    },
    {
        name: "autoScaling min above 100",
        raw: {"autoScaling":"{\"min\":101,\"max\":4}"},
        errors: [
            "ec2-server:autoScaling.min: got 101, expected an integer from 0 to 100",
        ],
    },
    {
        name: "autoScaling max below min",
        raw: {"autoScaling":"{\"min\":3,\"max\":2}"},
        errors: [
            "ec2-server:autoScaling.max: got 2, expected an integer from min (3) to 100",
        ],
    },
    {
        name: "autoScaling max above 100",
        raw: {"autoScaling":"{\"max\":101}"},
        errors: [
            "ec2-server:autoScaling.max: got 101, expected an integer from min (1) to 100",
        ],
    },
    {
        name: "autoScaling max not integer",
        raw: {"autoScaling":"{\"max\":2.5}"},
        errors: [
            "ec2-server:autoScaling.max: got 2.5, expected an integer from min (1) to 100",
        ],
    },
    {
        name: "autoScaling desired above max",
        raw: {"autoScaling":"{\"max\":4,\"desired\":5}"},
        errors: [
            "ec2-server:autoScaling.desired: got 5, expected an integer from min (1) to max (4)",
        ],
    },
    {
        name: "autoScaling desired below min",
        raw: {"autoScaling":"{\"min\":2,\"max\":4,\"desired\":1}"},
        errors: [
            "ec2-server:autoScaling.desired: got 1, expected an integer from min (2) to max (4)",
        ],
    },
    {
        name: "autoScaling cpuTarget above 100",
        raw: {"autoScaling":"{\"max\":4,\"cpuTarget\":101}"},
        errors: [
            "ec2-server:autoScaling.cpuTarget: got 101, expected an integer percent from 0 to 100 (average CPU that target tracking keeps; 0 turns it off)",
        ],
    },
    {
        name: "autoScaling cpuTarget text",
        raw: {"autoScaling":"{\"max\":4,\"cpuTarget\":\"half\"}"},
        errors: [
            "ec2-server:autoScaling.cpuTarget: got \"half\", expected an integer percent from 0 to 100 (average CPU that target tracking keeps; 0 turns it off)",
        ],
    },
    {
        name: "autoScaling requestsPerTarget 0",
        raw: {"autoScaling":"{\"max\":4,\"requestsPerTarget\":0}","loadBalancer":"{}"},
        errors: [
            "ec2-server:autoScaling.requestsPerTarget: got 0, expected an integer of 1 or more",
        ],
    },
    {
        name: "autoScaling requestsPerTarget without loadBalancer",
        raw: {"autoScaling":"{\"max\":4,\"requestsPerTarget\":1000}"},
        errors: [
            "ec2-server:autoScaling.requestsPerTarget needs ec2-server:loadBalancer: it tracks the load balancer's requests per server, and without a load balancer there are none to count; set loadBalancer or remove requestsPerTarget",
        ],
    },
    {
        name: "autoScaling healthCheckGracePeriod above 7200",
        raw: {"autoScaling":"{\"max\":4,\"healthCheckGracePeriod\":7201}"},
        errors: [
            "ec2-server:autoScaling.healthCheckGracePeriod: got 7201, expected an integer number of seconds from 0 to 7200",
        ],
    },
    {
        name: "schedules not a list",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"min\":0}}"},
        errors: [
            "ec2-server:autoScaling.schedules: got {\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"min\":0}, expected a list of schedules {name, recurrence, timeZone?, min?, max?, desired?}",
        ],
    },
    {
        name: "schedule not an object",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[\"0 20 * * *\"]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0]: got \"0 20 * * *\", expected a schedule {name, recurrence, timeZone?, min?, max?, desired?}",
        ],
    },
    {
        name: "schedule unknown key",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"min\":0,\"timezone\":\"UTC\"}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timezone: got \"UTC\", expected only the keys name, recurrence, timeZone, min, max, desired (unknown key; did you mean \"timeZone\"?)",
        ],
    },
    {
        name: "schedule bad name",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"scale in at night\",\"recurrence\":\"0 20 * * *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].name: got \"scale in at night\", expected a name of 1 to 255 letters, digits, - and _, unique among the schedules",
        ],
    },
    {
        name: "schedule name twice",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"min\":0},{\"name\":\"night\",\"recurrence\":\"0 22 * * *\",\"max\":1}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[1].name: got \"night\", expected a name not used by another schedule (autoScaling.schedules[0] has it already)",
        ],
    },
    {
        name: "schedule without recurrence",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got undefined, expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\"",
        ],
    },
    {
        name: "schedule cron with a year (EventBridge)",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * ? *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 20 * * ? *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (6 fields: EC2 Auto Scaling takes traditional cron, without the year field of EventBridge and Application Auto Scaling)",
        ],
    },
    {
        name: "schedule cron ? (EventBridge)",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 ? * 1\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 20 ? * 1\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (?, L, W and # belong to EventBridge's cron, not the traditional cron EC2 Auto Scaling takes)",
        ],
    },
    {
        name: "schedule cron L (EventBridge)",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"month-end\",\"recurrence\":\"0 20 L * *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 20 L * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (?, L, W and # belong to EventBridge's cron, not the traditional cron EC2 Auto Scaling takes)",
        ],
    },
    {
        name: "schedule cron words",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"every night\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"every night\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (2 fields)",
        ],
    },
    {
        name: "schedule cron hour 24",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 24 * * *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 24 * * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (hour \"24\" is not from 0 to 23)",
        ],
    },
    {
        name: "schedule cron range of names",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"workdays\",\"recurrence\":\"0 8 * * MON-FRI\",\"min\":2}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 8 * * MON-FRI\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (day-of-week: a name such as MON stands alone; ranges and lists take the numbers 0 to 7)",
        ],
    },
    {
        name: "schedule cron backwards range",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 22-6 * * *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 22-6 * * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (hour range 22-6 runs backwards)",
        ],
    },
    {
        name: "schedule cron step after a single value",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"often\",\"recurrence\":\"5/10 * * * *\",\"min\":1}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"5/10 * * * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (minute step 5/10 needs a range or * before the /)",
        ],
    },
    {
        name: "schedule cron step 0",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"often\",\"recurrence\":\"*/0 * * * *\",\"min\":1}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"*/0 * * * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (minute step \"0\" is not from 1 to 59)",
        ],
    },
    {
        name: "schedule cron month 13",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"yearly\",\"recurrence\":\"0 0 1 13 *\",\"min\":1}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 0 1 13 *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (month \"13\" is not from 1 to 12 or a name such as JAN)",
        ],
    },
    {
        name: "schedule timeZone typo",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"timeZone\":\"Europe/Londn\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timeZone: got \"Europe/Londn\", expected an IANA time zone name such as Europe/London or UTC (did you mean \"Europe/London\"?)",
        ],
    },
    {
        name: "schedule timeZone wrong case",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"timeZone\":\"europe/london\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timeZone: got \"europe/london\", expected an IANA time zone name such as Europe/London or UTC (time zone names are case-sensitive; did you mean \"Europe/London\"?)",
        ],
    },
    {
        name: "schedule timeZone offset",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"timeZone\":\"+01:00\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timeZone: got \"+01:00\", expected an IANA time zone name such as Europe/London or UTC",
        ],
    },
    {
        name: "schedule timeZone not a string",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"timeZone\":1,\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timeZone: got 1, expected an IANA time zone name such as Europe/London or UTC",
        ],
    },
    {
        name: "schedule sets no size",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\"}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0]: got {\"name\":\"night\",\"recurrence\":\"0 20 * * *\"}, expected a schedule with at least one of min, max, desired (a scheduled action that sets no size does nothing)",
        ],
    },
    {
        name: "schedule max below its min",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"day\",\"recurrence\":\"0 8 * * 1-5\",\"min\":3,\"max\":2}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].max: got 2, expected an integer from min (3) to 100",
        ],
    },
    {
        name: "schedule desired above 100",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"day\",\"recurrence\":\"0 8 * * 1-5\",\"desired\":101}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].desired: got 101, expected an integer from 0 to 100",
        ],
    },
    {
        name: "instanceTypes not a list",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":\"t3a.micro\"}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes: got \"t3a.micro\", expected a list of instance types such as [\"t3a.micro\", \"t2.micro\"]",
        ],
    },
    {
        name: "instanceTypes typo",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":[\"t3a.mirco\"]}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes[0]: got \"t3a.mirco\", expected a current EC2 instance type such as t3.micro or m7g.large (did you mean \"t3a.micro\"?)",
        ],
    },
    {
        name: "instanceTypes other architecture",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":[\"t3a.micro\",\"t4g.micro\"]}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes[1] \"t4g.micro\" is arm64 but ec2-server:instanceType \"t3.micro\" is x86_64; every type of the group boots the same AMI, so use x86_64 types only",
        ],
    },
    {
        name: "instanceTypes repeats instanceType",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":[\"t3.micro\"]}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes[0]: got \"t3.micro\", expected a type other than ec2-server:instanceType (instanceType is always one of the group's types; list only the extra ones)",
        ],
    },
    {
        name: "instanceTypes duplicate",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":[\"t3a.micro\",\"t3a.micro\"]}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes[1]: got \"t3a.micro\", expected each type once (duplicate)",
        ],
    },
    {
        name: "instanceTypes more than a group takes",
        raw: {"autoScaling":JSON.stringify({ max: 4, instanceTypes: Array(40).fill("t3a.micro") })},
        errors: [
            "ec2-server:autoScaling.instanceTypes: got \"40 types\", expected at most 39 (with instanceType, 40 types: the most a group takes)",
        ],
    },
    {
        name: "spot not an object",
        raw: {"autoScaling":"{\"max\":4,\"spot\":true}"},
        errors: [
            "ec2-server:autoScaling.spot: got true, expected an object {onDemandBase, onDemandPercentAboveBase}",
        ],
    },
    {
        name: "spot without its keys",
        raw: {"autoScaling":"{\"max\":4,\"spot\":{}}"},
        errors: [
            "ec2-server:autoScaling.spot.onDemandBase: got undefined, expected an integer of 0 or more (required: how many servers are always On-Demand; 0 for none)",
            "ec2-server:autoScaling.spot.onDemandPercentAboveBase: got undefined, expected an integer percent from 0 to 100 (required: the On-Demand share of the servers above the base; 0 for all Spot)",
        ],
    },
    {
        name: "spot out of range",
        raw: {"autoScaling":"{\"max\":4,\"spot\":{\"onDemandBase\":-1,\"onDemandPercentAboveBase\":101}}"},
        errors: [
            "ec2-server:autoScaling.spot.onDemandBase: got -1, expected an integer of 0 or more",
            "ec2-server:autoScaling.spot.onDemandPercentAboveBase: got 101, expected an integer percent from 0 to 100",
        ],
    },
    {
        name: "spot unknown key",
        raw: {"autoScaling":"{\"max\":4,\"spot\":{\"onDemandBase\":0,\"onDemandPercentAboveBase\":0,\"spotAllocationStrategy\":\"lowest-price\"}}"},
        errors: [
            "ec2-server:autoScaling.spot.spotAllocationStrategy: got \"lowest-price\", expected only the keys onDemandBase, onDemandPercentAboveBase (unknown key)",
        ],
    },
    {
        name: "refresh unknown key",
        raw: {"autoScaling":"{\"max\":4,\"refresh\":{\"minHealthyPercentage\":50}}"},
        errors: [
            "ec2-server:autoScaling.refresh.minHealthyPercentage: got 50, expected only the keys minHealthyPercent, autoRollback, skipMatching (unknown key; did you mean \"minHealthyPercent\"?)",
        ],
    },
    {
        name: "refresh not an object",
        raw: {"autoScaling":"{\"max\":4,\"refresh\":\"rolling\"}"},
        errors: [
            "ec2-server:autoScaling.refresh: got \"rolling\", expected an object {minHealthyPercent?, autoRollback?, skipMatching?}",
        ],
    },
    {
        name: "refresh minHealthyPercent above 100",
        raw: {"autoScaling":"{\"max\":4,\"refresh\":{\"minHealthyPercent\":101}}"},
        errors: [
            "ec2-server:autoScaling.refresh.minHealthyPercent: got 101, expected an integer percent from 0 to 100",
        ],
    },
    {
        name: "refresh flags not booleans",
        raw: {"autoScaling":"{\"max\":4,\"refresh\":{\"autoRollback\":\"yes\",\"skipMatching\":1}}"},
        errors: [
            "ec2-server:autoScaling.refresh.autoRollback: got \"yes\", expected true or false",
            "ec2-server:autoScaling.refresh.skipMatching: got 1, expected true or false",
        ],
    },
    {
        name: "autoScaling with instanceCount",
        raw: {"autoScaling":"{\"max\":4}","instanceCount":"3"},
        errors: [
            "Cannot specify both ec2-server:autoScaling and ec2-server:instanceCount: 3: the group's size is autoScaling.min, max and desired, not a count of fixed servers; remove instanceCount",
        ],
    },
    {
        name: "autoScaling with elasticIp",
        raw: {"autoScaling":"{\"max\":4}","elasticIp":"true"},
        errors: [
            "Cannot specify both ec2-server:autoScaling and ec2-server:elasticIp: true: a group's servers are disposable, so data and fixed addresses do not belong on them (the group launches and terminates servers on its own, and a new server would not get the address); reach the group through loadBalancer instead",
        ],
    },
    {
        name: "autoScaling with dataVolumes",
        raw: {"autoScaling":"{\"max\":4}","dataVolumes":"[{\"name\":\"data\",\"sizeGiB\":10,\"deviceName\":\"/dev/sdf\"}]"},
        errors: [
            "Cannot specify both ec2-server:autoScaling and ec2-server:dataVolumes: a group's servers are disposable, so data and fixed addresses do not belong on them (a volume lives in one zone on one server, and the group terminates servers to scale in, refresh and heal); keep the data off the servers, for example in S3, EFS or a database",
        ],
    },
    {
        name: "autoScaling with terminationProtection",
        raw: {"autoScaling":"{\"max\":4}","terminationProtection":"true"},
        errors: [
            "Cannot specify both ec2-server:autoScaling and ec2-server:terminationProtection: true: a group's servers are disposable, so data and fixed addresses do not belong on them, and the group must be able to terminate them to scale in, refresh and replace unhealthy ones; remove terminationProtection",
        ],
    },
    {
        name: "loadBalancer not an object",
        raw: {"loadBalancer":"true"},
        errors: [
            "ec2-server:loadBalancer: got true, expected an object {port?, targetPort?, healthCheckPath?, certificateArn?, sources?, deletionProtection?, subnetIds?}",
        ],
    },
    {
        name: "loadBalancer unknown key",
        raw: {"loadBalancer":"{\"healthcheckPath\":\"/health\"}"},
        errors: [
            "ec2-server:loadBalancer.healthcheckPath: got \"/health\", expected only the keys port, targetPort, healthCheckPath, certificateArn, sources, deletionProtection, subnetIds (unknown key; did you mean \"healthCheckPath\"?)",
        ],
    },
    {
        name: "loadBalancer port 0",
        raw: {"loadBalancer":"{\"port\":0}"},
        errors: [
            "ec2-server:loadBalancer.port: got 0, expected an integer port from 1 to 65535",
        ],
    },
    {
        name: "loadBalancer targetPort text",
        raw: {"loadBalancer":"{\"targetPort\":\"http\"}"},
        errors: [
            "ec2-server:loadBalancer.targetPort: got \"http\", expected an integer port from 1 to 65535",
        ],
    },
    {
        name: "loadBalancer targetPort 65536",
        raw: {"loadBalancer":"{\"targetPort\":65536}"},
        errors: [
            "ec2-server:loadBalancer.targetPort: got 65536, expected an integer port from 1 to 65535",
        ],
    },
    {
        name: "loadBalancer port 80 with certificate",
        raw: {"loadBalancer":"{\"port\":80,\"certificateArn\":\"arn:aws:acm:ap-northeast-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\"}"},
        errors: [
            "ec2-server:loadBalancer.port: got 80, expected a port other than 80 with certificateArn (port 80 carries the listener that redirects HTTP to HTTPS; leave port unset for 443)",
        ],
    },
    {
        name: "loadBalancer IAM certificate",
        raw: {"loadBalancer":"{\"certificateArn\":\"arn:aws:iam::123456789012:server-certificate/web\"}"},
        errors: [
            "ec2-server:loadBalancer.certificateArn: got \"arn:aws:iam::123456789012:server-certificate/web\", expected an ACM certificate ARN arn:<partition>:acm:<region>:<12-digit account>:certificate/<uuid>",
        ],
    },
    {
        name: "loadBalancer certificate id not uuid",
        raw: {"loadBalancer":"{\"certificateArn\":\"arn:aws:acm:ap-northeast-2:123456789012:certificate/web\"}"},
        errors: [
            "ec2-server:loadBalancer.certificateArn: got \"arn:aws:acm:ap-northeast-2:123456789012:certificate/web\", expected an ACM certificate ARN arn:<partition>:acm:<region>:<12-digit account>:certificate/<uuid>",
        ],
    },
    {
        name: "loadBalancer healthCheckPath without /",
        raw: {"loadBalancer":"{\"healthCheckPath\":\"health\"}"},
        errors: [
            "ec2-server:loadBalancer.healthCheckPath: got \"health\", expected a path that starts with / and has at most 1024 characters, such as /health",
        ],
    },
    {
        name: "loadBalancer healthCheckPath too long",
        raw: {"loadBalancer":JSON.stringify({ healthCheckPath: "/" + "a".repeat(1024) })},
        errors: [
            "ec2-server:loadBalancer.healthCheckPath: got \"/" + "a".repeat(115) + "..., expected a path that starts with / and has at most 1024 characters, such as /health",
        ],
    },
    {
        name: "loadBalancer sources empty",
        raw: {"loadBalancer":"{\"sources\":[]}"},
        errors: [
            "ec2-server:loadBalancer.sources: got [], expected a non-empty list of IPv4 or IPv6 CIDRs such as [\"203.0.113.0/24\", \"2001:db8::/32\"]",
        ],
    },
    {
        name: "loadBalancer sources not a list",
        raw: {"loadBalancer":"{\"sources\":\"0.0.0.0/0\"}"},
        errors: [
            "ec2-server:loadBalancer.sources: got \"0.0.0.0/0\", expected a non-empty list of IPv4 or IPv6 CIDRs such as [\"203.0.113.0/24\", \"2001:db8::/32\"]",
        ],
    },
    {
        name: "loadBalancer sources bad",
        raw: {"loadBalancer":"{\"sources\":[\"203.0.113.300/32\",\"203.0.113.10/24\",\"2001:db8::1/64\",\"203.0.113.0/24\",\"203.0.113.0/24\"]}"},
        errors: [
            "ec2-server:loadBalancer.sources[0]: got \"203.0.113.300/32\", expected an IPv4 or IPv6 CIDR such as 203.0.113.10/32 or 2001:db8::/64",
            "ec2-server:loadBalancer.sources[1]: got \"203.0.113.10/24\", expected a CIDR with no host bits set (AWS would store it normalised and show a diff forever) (did you mean \"203.0.113.0/24\"?)",
            "ec2-server:loadBalancer.sources[2]: got \"2001:db8::1/64\", expected an IPv6 CIDR with no host bits set",
            "ec2-server:loadBalancer.sources[4]: got \"203.0.113.0/24\", expected each source once (duplicate)",
        ],
    },
    {
        name: "loadBalancer deletionProtection text",
        raw: {"loadBalancer":"{\"deletionProtection\":\"true\"}"},
        errors: [
            "ec2-server:loadBalancer.deletionProtection: got \"true\", expected true or false",
        ],
    },
    {
        name: "loadBalancer in one zone",
        raw: {"loadBalancer":"{}","availabilityZones":"1"},
        errors: [
            "ec2-server:loadBalancer needs at least 2 availability zones, but ec2-server:availabilityZones is 1: an Application Load Balancer needs subnets in two or more zones; set availabilityZones: 2 or more",
        ],
    },
    {
        name: "loadBalancer subnetIds with a new network",
        raw: {"loadBalancer":"{\"subnetIds\":[\"subnet-0aa11bb22cc33dd44\",\"subnet-0ee55ff66aa77bb88\"]}"},
        errors: [
            "Cannot specify both ec2-server:loadBalancer.subnetIds and a new network: the load balancer goes in the public subnets the program creates; subnetIds is only for an adopted network (existingVpcId)",
        ],
    },
    {
        name: "loadBalancer adopted network without subnetIds",
        raw: {"loadBalancer":"{}","existingVpcId":"vpc-0e1d2c3b4a5968778","existingSubnetIds":"[\"subnet-0aa11bb22cc33dd44\"]"},
        errors: [
            "ec2-server:loadBalancer.subnetIds is required with ec2-server:existingVpcId: the program creates no subnets in an adopted network, and an Application Load Balancer needs public subnets in at least 2 availability zones; list them in loadBalancer.subnetIds",
        ],
    },
    {
        name: "loadBalancer adopted network with one subnet",
        raw: {"loadBalancer":"{\"subnetIds\":[\"subnet-0aa11bb22cc33dd44\"]}","existingVpcId":"vpc-0e1d2c3b4a5968778","existingSubnetIds":"[\"subnet-0aa11bb22cc33dd44\"]"},
        errors: [
            "ec2-server:loadBalancer.subnetIds: got [\"subnet-0aa11bb22cc33dd44\"], expected a list of at least 2 subnet ids like subnet-0123456789abcdef0, in different availability zones (an Application Load Balancer needs subnets in two or more zones)",
        ],
    },
    {
        name: "loadBalancer adopted network bad subnet ids",
        raw: {"loadBalancer":"{\"subnetIds\":[\"subnet-1\",\"subnet-0aa11bb22cc33dd44\",\"subnet-0aa11bb22cc33dd44\"]}","existingVpcId":"vpc-0e1d2c3b4a5968778","existingSubnetIds":"[\"subnet-0aa11bb22cc33dd44\"]"},
        errors: [
            "ec2-server:loadBalancer.subnetIds[0]: got \"subnet-1\", expected a subnet id like subnet-0123456789abcdef0",
            "ec2-server:loadBalancer.subnetIds[2]: got \"subnet-0aa11bb22cc33dd44\", expected each item once (duplicate)",
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
    {
        name: "natGateways without privateSubnets",
        raw: {"natGateways":"single"},
        errors: [
            "ec2-server:natGateways: single needs ec2-server:privateSubnets: true: NAT gateways give the private subnets a route out to the internet, and without privateSubnets there are none (the public subnets already route through the internet gateway); set privateSubnets: true or remove natGateways",
        ],
    },
    {
        name: "natGateways in an adopted network",
        raw: {"natGateways":"perAz","existingVpcId":"vpc-0e1d2c3b4a5968778","existingSubnetIds":"[\"subnet-0aa11bb22cc33dd44\"]"},
        errors: [
            "ec2-server:natGateways: perAz needs a new network with ec2-server:privateSubnets: true, but ec2-server:existingVpcId adopts a network, where no subnets or routes are created; remove natGateways (the adopted network brings its own routes)",
        ],
    },
];

function errorsOf(raw: RawConfig, secretKeys?: Set<string>): string[] {
    try {
        parseConfig(raw, secretKeys);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
        return err.errors;
    }
    return [];
}

describe("config parseConfig", () => {
    it(`has at least 40 bad-input cases (has ${BAD.length})`, () => {
        assert.ok(BAD.length >= 40);
    });

    for (const c of BAD) {
        it(`rejects: ${c.name}`, () => {
            assert.deepEqual(errorsOf(c.raw), c.errors);
        });
    }

    it("reports every bad key at once, in one message that names keys, values and what is allowed", () => {
        const raw = { instanceCount: "0", vpcCidr: "10.0.0.0/8", instancetype: "t3.micro", keyPair: "none", sshCidrs: '["0.0.0.0/0"]' };
        let error: ConfigError | undefined;
        try {
            parseConfig(raw);
        } catch (err) {
            error = err as ConfigError;
        }
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.errors, [
            "ec2-server:instancetype: got \"t3.micro\", expected one of the known keys: " + [...KNOWN_KEYS].sort().join(", ") + " (unknown key; did you mean \"instanceType\"?)",
            "ec2-server:instanceCount: got 0, expected an integer from 1 to 50",
            "ec2-server:vpcCidr: got \"10.0.0.0/8\", expected an IPv4 CIDR with a prefix from /16 to /24 (subnets are carved as /prefix+4)",
            "ec2-server:sshCidrs opens port 22 but ec2-server:keyPair is none, so nobody can log in over SSH; remove sshCidrs or set keyPair: generate",
        ]);
        assert.equal(error.message, formatErrors(error.errors));
        assert.equal(error.message.split("\n")[0], "Invalid ec2-server configuration (4 errors); nothing was created:");
        // The SDK's own RunError (config.ts imports @pulumi/pulumi/errors, the module the SDK re-exports): the
        // language host prints its message without a stack trace.
        assert.ok(error instanceof pulumi.RunError);
        assert.equal(pulumi.RunError.isInstance(error), true);
        // How the SDK's cmd/run inspects it for its tracing span (colored): the report alone, not a stack to format.
        assert.equal(util.inspect(error, { colors: true }), `ConfigError: ${error.message}`);
    });

    it("configFromKeys reads the ec2-server keys of a stack's config (namespaced, as the CLI passes them) and which are secret", () => {
        const cfg = configFromKeys({ "aws:region": "ap-northeast-2", "ec2-server:instanceCount": "2", "ec2-server:userData": "#!/bin/bash\n" }, key => key === "ec2-server:userData");
        assert.equal(cfg.instanceCount, 2);
        assert.deepEqual(cfg.userData, { value: "#!/bin/bash\n", secret: true });
        assert.throws(() => configFromKeys({ "ec2-server:instanceCount": "0", "other:instanceCount": "0" }, () => false), (e: ConfigError) =>
            e instanceof ConfigError && e.errors.length === 1 && e.errors[0] === "ec2-server:instanceCount: got 0, expected an integer from 1 to 50");
    });

    it("never shows a secret value in an error", () => {
        assert.deepEqual(errorsOf({ userData: "x".repeat(16385) }, new Set(["userData"])), [
            "ec2-server:userData: got [secret], expected at most 16384 bytes (EC2's limit before base64)",
        ]);
        assert.deepEqual(errorsOf({ userdata: "password=hunter2" }, new Set(["userdata"]))[0].includes("hunter2"), false);
    });

    it("applies the documented defaults to an empty config", () => {
        assert.deepEqual(parseConfig({}), {
            instanceType: "t3.micro",
            instanceCount: 1,
            ami: { kind: "alias", alias: "al2023" },
            network: { kind: "new", vpcCidr: "10.0.0.0/16", availabilityZones: 2, privateSubnets: false },
            publicIp: true,
            elasticIp: false,
            firewall: { kind: "new", ingress: [], egress: "all" },
            keyPair: { kind: "generate", algorithm: "ED25519" },
            ssm: true,
            rootVolume: { sizeGiB: 8, type: "gp3", encrypted: true },
            dataVolumes: [],
            userData: undefined,
            userDataReplaceOnChange: false,
            monitoring: false,
            terminationProtection: false,
            tags: {},
            autoScaling: undefined,
            loadBalancer: undefined,
            natGateways: "none",
        });
    });

    it("normalises rules: one rule per source, protocols lower-cased, icmp type/code, all without ports", () => {
        const cfg = parseConfig({
            sshCidrs: '["203.0.113.10/32", "2001:db8::/64"]',
            ingress: JSON.stringify([
                { protocol: "TCP", fromPort: 8000, toPort: 8080, cidr: ["198.51.100.0/24", "192.0.2.0/24"], description: "app" },
                { protocol: "icmp", icmpType: 8, cidr: "10.0.0.0/8", description: "ping" },
                { protocol: "udp", port: "53", sourceSecurityGroupId: "sg-0123456789abcdef0", description: "dns" },
                { protocol: "tcp", port: 443, prefixListId: "pl-0123456789abcdef0", ipv6Cidr: "::/0", description: "https" },
            ]),
            egress: JSON.stringify([{ protocol: "all", cidr: "10.0.0.0/16", description: "inside the VPC" }]),
        });
        assert.deepEqual(cfg.firewall, {
            kind: "new",
            ingress: [
                { protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind: "cidrIpv4", value: "203.0.113.10/32" }, description: "SSH from 203.0.113.10/32" },
                { protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind: "cidrIpv6", value: "2001:db8::/64" }, description: "SSH from 2001:db8::/64" },
                { protocol: "tcp", fromPort: 8000, toPort: 8080, peer: { kind: "cidrIpv4", value: "198.51.100.0/24" }, description: "app" },
                { protocol: "tcp", fromPort: 8000, toPort: 8080, peer: { kind: "cidrIpv4", value: "192.0.2.0/24" }, description: "app" },
                { protocol: "icmp", fromPort: 8, toPort: -1, peer: { kind: "cidrIpv4", value: "10.0.0.0/8" }, description: "ping" },
                { protocol: "udp", fromPort: 53, toPort: 53, peer: { kind: "securityGroup", value: "sg-0123456789abcdef0" }, description: "dns" },
                { protocol: "tcp", fromPort: 443, toPort: 443, peer: { kind: "cidrIpv6", value: "::/0" }, description: "https" },
                { protocol: "tcp", fromPort: 443, toPort: 443, peer: { kind: "prefixList", value: "pl-0123456789abcdef0" }, description: "https" },
            ],
            egress: [{ protocol: "all", fromPort: undefined, toPort: undefined, peer: { kind: "cidrIpv4", value: "10.0.0.0/16" }, description: "inside the VPC" }],
        });
    });

    it("parses an adopted network, existing groups, an imported key, storage and tags", () => {
        const pub = ed25519Key("config-test").publicKeyOpenssh.trim();
        const cfg = parseConfig({
            existingVpcId: "vpc-0e1d2c3b4a5968778",
            existingSubnetIds: '["subnet-0aa11bb22cc33dd44","subnet-0ee55ff66aa77bb88"]',
            existingSecurityGroupIds: '["sg-0123456789abcdef0"]',
            keyPair: "import",
            publicKey: `${pub} me@laptop`,
            rootVolume: '{"sizeGiB":30,"type":"io2","iops":5000,"kmsKeyId":"arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"}',
            dataVolumes: '[{"name":"data","sizeGiB":100,"deviceName":"/dev/sdf","throughput":250,"snapshotId":"snap-0123456789abcdef0"}]',
            userData: "#!/bin/bash\necho hi\n",
            userDataReplaceOnChange: "true",
            tags: '{"Team":"platform","CostCenter":"42"}',
        });
        assert.deepEqual(cfg.network, { kind: "existing", vpcId: "vpc-0e1d2c3b4a5968778", subnetIds: ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"] });
        assert.deepEqual(cfg.firewall, { kind: "existing", securityGroupIds: ["sg-0123456789abcdef0"] });
        assert.deepEqual(cfg.keyPair, { kind: "import", publicKey: `${pub} me@laptop` });
        assert.deepEqual(cfg.rootVolume, { sizeGiB: 30, type: "io2", encrypted: true, iops: 5000, kmsKeyId: "arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab" });
        assert.deepEqual(cfg.dataVolumes, [{ sizeGiB: 100, type: "gp3", encrypted: true, throughput: 250, name: "data", deviceName: "/dev/sdf", snapshotId: "snap-0123456789abcdef0" }]);
        assert.deepEqual(cfg.userData, { value: "#!/bin/bash\necho hi\n", secret: false });
        assert.deepEqual(cfg.tags, { Team: "platform", CostCenter: "42" });
    });

    it("fills the autoScaling defaults: only max is required", () => {
        const cfg = parseConfig({ autoScaling: '{"max":4}' });
        assert.deepEqual(cfg.autoScaling, {
            min: 1,
            max: 4,
            cpuTarget: 50,
            schedules: [],
            instanceTypes: [],
            refresh: { minHealthyPercent: 90, autoRollback: true, skipMatching: true },
            healthCheckGracePeriod: 300,
        });
        assert.equal(cfg.loadBalancer, undefined);
        assert.equal(cfg.instanceCount, 1);
    });

    it("parses a whole group: sizes, target tracking, schedules in time zones, mixed types, Spot and refresh", () => {
        const cfg = parseConfig({
            instanceType: "m7g.large",
            ami: "al2023-arm64",
            instanceCount: "1",
            loadBalancer: "{}",
            autoScaling: JSON.stringify({
                min: "0",
                max: 10,
                desired: 2,
                cpuTarget: 0,
                requestsPerTarget: "1000",
                schedules: [
                    { name: "workdays", recurrence: "0 8 * * 1-5", timeZone: "Europe/London", min: 2, max: 10 },
                    { name: "nights_UTC", recurrence: "30 20 * * *", timeZone: "UTC", desired: 0 },
                    { name: "tokyo-9", recurrence: "*/15 0-6/2 1,15 JAN SUN", timeZone: "Etc/GMT+9", min: 1 },
                    { name: "la", recurrence: "0 22 * * 7", timeZone: "US/Pacific", max: "3" },
                ],
                instanceTypes: ["m6g.large", "c7g.xlarge"],
                spot: { onDemandBase: 1, onDemandPercentAboveBase: 25 },
                refresh: { minHealthyPercent: 100, autoRollback: false },
                healthCheckGracePeriod: 0,
            }),
        });
        assert.deepEqual(cfg.autoScaling, {
            min: 0,
            max: 10,
            desired: 2,
            cpuTarget: 0,
            requestsPerTarget: 1000,
            schedules: [
                { name: "workdays", recurrence: "0 8 * * 1-5", timeZone: "Europe/London", min: 2, max: 10 },
                { name: "nights_UTC", recurrence: "30 20 * * *", timeZone: "UTC", desired: 0 },
                { name: "tokyo-9", recurrence: "*/15 0-6/2 1,15 JAN SUN", timeZone: "Etc/GMT+9", min: 1 },
                { name: "la", recurrence: "0 22 * * 7", timeZone: "US/Pacific", max: 3 },
            ],
            instanceTypes: ["m6g.large", "c7g.xlarge"],
            spot: { onDemandBase: 1, onDemandPercentAboveBase: 25 },
            refresh: { minHealthyPercent: 100, autoRollback: false, skipMatching: true },
            healthCheckGracePeriod: 0,
        });
    });

    it("fills the loadBalancer defaults: HTTP on 80 from anywhere, or HTTPS on 443 with a certificate", () => {
        assert.deepEqual(parseConfig({ loadBalancer: "{}" }).loadBalancer, {
            port: 80, targetPort: 80, healthCheckPath: "/", sources: ["0.0.0.0/0", "::/0"], deletionProtection: false,
        });
        const cert = "arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7";
        assert.deepEqual(parseConfig({ loadBalancer: JSON.stringify({ certificateArn: cert }) }).loadBalancer, {
            port: 443, targetPort: 80, healthCheckPath: "/", sources: ["0.0.0.0/0", "::/0"], deletionProtection: false, certificateArn: cert,
        });
        assert.deepEqual(parseConfig({
            loadBalancer: JSON.stringify({ port: 8443, targetPort: "8080", healthCheckPath: "/healthz?full=1", certificateArn: cert, sources: ["203.0.113.0/24", "2001:db8::/32"], deletionProtection: true }),
        }).loadBalancer, {
            port: 8443, targetPort: 8080, healthCheckPath: "/healthz?full=1", sources: ["203.0.113.0/24", "2001:db8::/32"], deletionProtection: true, certificateArn: cert,
        });
    });

    it("puts the load balancer of an adopted network in the subnets it names, and fixed servers behind it", () => {
        const cfg = parseConfig({
            existingVpcId: "vpc-0e1d2c3b4a5968778",
            existingSubnetIds: '["subnet-0aa11bb22cc33dd44"]',
            instanceCount: "2",
            elasticIp: "true",
            loadBalancer: '{"subnetIds":["subnet-0ee55ff66aa77bb88","subnet-0123456789abcdef0"]}',
        });
        assert.deepEqual(cfg.loadBalancer, {
            port: 80, targetPort: 80, healthCheckPath: "/", sources: ["0.0.0.0/0", "::/0"], deletionProtection: false,
            subnetIds: ["subnet-0ee55ff66aa77bb88", "subnet-0123456789abcdef0"],
        });
        assert.equal(cfg.autoScaling, undefined);
        assert.equal(cfg.instanceCount, 2);
    });

    it("adds NAT gateways to a new network with private subnets", () => {
        for (const natGateways of ["none", "single", "perAz"] as const) {
            const cfg = parseConfig({ privateSubnets: "true", publicIp: "false", natGateways });
            assert.equal(cfg.natGateways, natGateways);
            assert.deepEqual(cfg.network, { kind: "new", vpcCidr: "10.0.0.0/16", availabilityZones: 2, privateSubnets: true });
        }
        assert.equal(parseConfig({ natGateways: "none" }).natGateways, "none");
    });

    it("reports every elastic-capacity problem at once, with the rest of the config", () => {
        assert.deepEqual(errorsOf({
            instanceCount: "0",
            natGateways: "single",
            loadBalancer: '{"port":0}',
            autoScaling: '{"max":0,"requestsPerTarget":10}',
            elasticIp: "true",
        }), [
            "ec2-server:instanceCount: got 0, expected an integer from 1 to 50",
            "ec2-server:natGateways: single needs ec2-server:privateSubnets: true: NAT gateways give the private subnets a route out to the internet, and without privateSubnets there are none (the public subnets already route through the internet gateway); set privateSubnets: true or remove natGateways",
            "ec2-server:loadBalancer.port: got 0, expected an integer port from 1 to 65535",
            "ec2-server:autoScaling.max: got 0, expected an integer from min (1) to 100",
            "Cannot specify both ec2-server:autoScaling and ec2-server:elasticIp: true: a group's servers are disposable, so data and fixed addresses do not belong on them (the group launches and terminates servers on its own, and a new server would not get the address); reach the group through loadBalancer instead",
        ]);
    });

    it("accepts traditional cron as EC2 Auto Scaling takes it (crontab.org: numbers, ranges, lists, steps, single names)", () => {
        for (const expr of ["0 8 * * 1-5", "30 0 1 1,6,12 *", "*/15 * * * *", "0 0-6/2 1,15 * *", "0 9 * JAN MON", "0 9 * * mon", "0 22 * * 7", "  59 23 31 12 0  "]) {
            assert.equal(cronProblem(expr), undefined, expr);
        }
    });

    it("accepts IANA zone names and aliases with their own case, not offsets", () => {
        for (const zone of ["UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+9", "Etc/GMT-14", "Asia/Kolkata", "Asia/Calcutta", "US/Pacific"]) {
            assert.equal(timeZoneProblem(zone), undefined, zone);
        }
        assert.equal(timeZoneProblem("Europe/London "), "did you mean \"Europe/London\"?");
        assert.equal(timeZoneProblem("+01:00"), "");
    });

    it("accepts real generated OpenSSH keys of both algorithms", () => {
        for (const key of [ed25519Key("a"), rsaKey("b", 2048)]) {
            assert.deepEqual(errorsOf({ keyPair: "import", publicKey: key.publicKeyOpenssh }), []);
        }
    });

    it("rejects real ECDSA keys of every curve: EC2 ImportKeyPair takes only ED25519 and RSA keys", () => {
        const expected = (start: string, type: string) =>
            `ec2-server:publicKey: got ${start}..., expected an OpenSSH public key ("<type> <base64> [comment]") of type ssh-ed25519 or ssh-rsa (EC2 ImportKeyPair accepts only ED25519 and RSA keys, not "${type}")`;
        assert.deepEqual(errorsOf({ keyPair: "import", publicKey: ecdsaKey("laptop", "nistp256").publicKeyOpenssh }), [
            expected("\"ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHuAjjHzBDm3A7lYhjG9UEm//P/KaJ9XNYkwiBtfDLsL", "ecdsa-sha2-nistp256"),
        ]);
        assert.deepEqual(errorsOf({ keyPair: "import", publicKey: ecdsaKey("laptop", "nistp384").publicKeyOpenssh }), [
            expected("\"ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBEsTn852DN+U6WPlBMe4fNQ0oC8/eEbahULNciBsriYT", "ecdsa-sha2-nistp384"),
        ]);
        assert.deepEqual(errorsOf({ keyPair: "import", publicKey: `${ecdsaKey("laptop", "nistp521").publicKeyOpenssh.trim()} me@laptop` }), [
            expected("\"ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAAzFfaKAbNrXcS7Iu3yJf4XidTPJFymEUqMZpQCPMVO", "ecdsa-sha2-nistp521"),
        ]);
    });

    it("names rules after their content", () => {
        assert.equal(ruleSlug({ protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind: "cidrIpv4", value: "203.0.113.10/32" }, description: "" }), "tcp-22-203.0.113.10-32");
        assert.equal(ruleSlug({ protocol: "udp", fromPort: 60000, toPort: 61000, peer: { kind: "securityGroup", value: "sg-0123456789abcdef0" }, description: "" }), "udp-60000-61000-sg-0123456789abcdef0");
        assert.equal(ruleSlug({ protocol: "all", peer: { kind: "cidrIpv6", value: "::/0" }, description: "" }), "all-v6-..-0");
    });
});

describe("Pulumi.yaml config declarations", () => {
    const project = yaml.load(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as {
        config: Record<string, { type: string; default: unknown; description: string; items?: { type: string } }>;
    };

    it("declares exactly the keys that have defaults, with the program's defaults and types", () => {
        const declared = Object.fromEntries(Object.entries(project.config).map(([k, v]) => [k, v.default]));
        const expected = Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [`ec2-server:${k}`, v]));
        assert.deepEqual(declared, expected);
        for (const [key, decl] of Object.entries(project.config)) {
            const value = decl.default;
            const type = Array.isArray(value) ? "array" : typeof value === "number" ? "integer" : typeof value;
            assert.equal(decl.type, type, key);
            assert.ok(decl.description.length > 20, `${key} needs a real description`);
        }
    });

    it("declares only types the Pulumi project schema knows", () => {
        for (const decl of Object.values(project.config)) {
            assert.ok(["string", "boolean", "integer", "array"].includes(decl.type));
            if (decl.type === "array") {
                assert.deepEqual(decl.items, { type: "string" });
            }
        }
    });
});

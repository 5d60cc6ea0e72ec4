import { BadCase } from "../helpers";

/** config/network.ts: a new network's CIDR, zones and private subnets, and an adopted network's ids. */
export const NETWORK_CASES: BadCase[] = [
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
];

import { BadCase } from "../helpers";

/** config/load-balancer.ts: the loadBalancer object. */
export const LOAD_BALANCER_CASES: BadCase[] = [
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
];

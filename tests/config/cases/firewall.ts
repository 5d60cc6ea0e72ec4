import { BadCase } from "../helpers";

/** config/firewall.ts: sshCidrs, ingress and egress rules, and existing security groups. */
export const FIREWALL_CASES: BadCase[] = [
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
        name: "existing sg bad id",
        raw: {"existingSecurityGroupIds":"[\"sg-nope\"]"},
        errors: [
            "ec2-server:existingSecurityGroupIds[0]: got \"sg-nope\", expected a security group id like sg-0123456789abcdef0",
        ],
    },
];

import { BadCase } from "../helpers";

/** config/rules.ts: keys that are each valid alone but conflict together. */
export const RULE_CASES: BadCase[] = [
    {
        name: "arch mismatch",
        raw: {"instanceType":"t4g.small","ami":"al2023"},
        errors: [
            "ec2-server:instanceType \"t4g.small\" is arm64 but ec2-server:ami \"al2023\" is x86_64; use an x86_64 instance type or an arm64 AMI alias such as al2023-arm64",
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
        name: "sshCidrs with keyPair none",
        raw: {"sshCidrs":"[\"203.0.113.10/32\"]","keyPair":"none"},
        errors: [
            "ec2-server:sshCidrs opens port 22 but ec2-server:keyPair is none, so nobody can log in over SSH; remove sshCidrs or set keyPair: generate",
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
        name: "existing sg + ingress",
        raw: {"existingSecurityGroupIds":"[\"sg-0123456789abcdef0\"]","ingress":"[{\"protocol\":\"tcp\",\"port\":443,\"cidr\":\"0.0.0.0/0\",\"description\":\"web\"}]"},
        errors: [
            "Cannot specify both ec2-server:existingSecurityGroupIds and ec2-server:ingress: rules of an existing group are managed where the group is",
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
        name: "generate with publicKey",
        raw: {"publicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDcS+I3a64JqQTvcswVV/t2uXw9djYNJrFOjHLlRc6Ib user@laptop"},
        errors: [
            "Cannot specify both ec2-server:publicKey and ec2-server:keyPair: generate; set keyPair: import to use your own key",
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
        name: "autoScaling requestsPerTarget without loadBalancer",
        raw: {"autoScaling":"{\"max\":4,\"requestsPerTarget\":1000}"},
        errors: [
            "ec2-server:autoScaling.requestsPerTarget needs ec2-server:loadBalancer: it tracks the load balancer's requests per server, and without a load balancer there are none to count; set loadBalancer or remove requestsPerTarget",
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

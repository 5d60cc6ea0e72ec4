import * as pulumi from "@pulumi/pulumi";
import * as aws from "../lib/aws";
import { SSM_ENDPOINT_SERVICES } from "../lib/aws-facts";
import { cidrSubnet } from "../lib/cidr";

/** NAT gateways for the private subnets. */
export const NatGateways = {
    /** No NAT gateway: the private subnets have no route to the internet. */
    None: "none",
    /** One NAT gateway, in the first zone, shared by every private subnet. */
    Single: "single",
    /** One NAT gateway per zone, each zone's private subnet leaving through its own. */
    PerAz: "perAz",
} as const;
export type NatGateways = (typeof NatGateways)[keyof typeof NatGateways];

/** An existing VPC and the subnets the servers go in. */
export interface ExistingNetwork {
    vpcId: string;
    subnetIds: string[];
}

export interface NetworkArgs {
    /**
     * Adopt an existing VPC and subnets instead of creating a network. No network resource is created;
     * `vpcId` and `serverSubnetIds` pass the given ids through. @default none (a new network is created)
     */
    existing?: ExistingNetwork;
    /** IPv4 CIDR of the new VPC; subnets are carved from it as /prefix+4 blocks. @default "10.0.0.0/16" */
    vpcCidr?: string;
    /**
     * Names of the availability zones to use, one public (and one private) subnet in each: 1 to 6 of them for a new
     * network. @default none (required for a new network)
     */
    availabilityZones?: string[];
    /** Also create private subnets (no route to the internet). @default false */
    privateSubnets?: boolean;
    /** Put the servers in the private subnets. Requires `privateSubnets`. @default false */
    serversInPrivateSubnets?: boolean;
    /**
     * NAT gateways that give the private subnets outbound internet access, each with its own Elastic IP, in a public
     * subnet (billed per hour and per GB, plus the public IPv4 address). "single": one, in the first zone, shared by
     * every private subnet (an outage of that zone cuts the others off too). "perAz": one per zone, and a private
     * route table per zone so each zone's private subnet leaves through its own. Requires `privateSubnets`.
     * @default "none" (the private subnets have no route to the internet)
     */
    natGateways?: NatGateways;
    /**
     * Auto-assign public IPv4 addresses in the public subnets (never in the private ones). Turn it on exactly when
     * servers with an auto-assigned public address go there: they send no `associatePublicIpAddress` (AWS reads
     * it back as false while a server is stopped, and it forces replacement), so the subnet decides. @default false
     */
    mapPublicIpOnLaunch?: boolean;
    /**
     * Create the Session Manager interface endpoints (ssm, ssmmessages, ec2messages) in the server subnets, with a
     * security group that allows HTTPS from the VPC, so servers without internet access can still be managed.
     * @default false
     */
    ssmEndpoints?: boolean;
    /** Region, for the endpoint service names (`com.amazonaws.<region>.ssm`). Required with `ssmEndpoints`. @default none */
    region?: string;
    /** Prefix of the Name tags. @default the component name */
    namePrefix?: string;
    /** Tags for every resource (besides the provider's default tags). @default {} */
    tags?: Record<string, string>;
}

/**
 * A VPC with DNS, public subnets (and optionally private ones) across availability zones, an internet gateway and
 * routes, the VPC's default security group closed, optional NAT gateways for the private subnets, and optional
 * Session Manager endpoints. Or an adopted network.
 */
export class Network extends pulumi.ComponentResource {
    /** The VPC id. */
    public readonly vpcId: pulumi.Output<string>;
    /** The VPC CIDR (undefined for an adopted network). */
    public readonly vpcCidr?: pulumi.Output<string>;
    public readonly publicSubnetIds: pulumi.Output<string>[];
    public readonly privateSubnetIds: pulumi.Output<string>[];
    /** The subnets servers go in, in AZ order. */
    public readonly serverSubnetIds: pulumi.Output<string>[];
    /** The interface endpoints created for Session Manager (empty when none). */
    public readonly ssmEndpointIds: pulumi.Output<string>[];
    /** The NAT gateways, in zone order (empty when none). */
    public readonly natGatewayIds: pulumi.Output<string>[];
    /** The NAT gateways' public IPv4 addresses (their Elastic IPs): what the servers' outbound traffic comes from. */
    public readonly natPublicIps: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ec2-server:network:Network", name, {}, opts);
        const natGateways = args.natGateways ?? NatGateways.None;
        if (args.existing && (args.vpcCidr !== undefined || args.availabilityZones !== undefined || args.privateSubnets || args.ssmEndpoints || natGateways !== "none")) {
            throw new Error("Cannot specify both 'existing' and 'vpcCidr', 'availabilityZones', 'privateSubnets', 'ssmEndpoints' or 'natGateways'");
        }
        if (args.serversInPrivateSubnets && !args.privateSubnets) {
            throw new Error("'serversInPrivateSubnets' requires 'privateSubnets'");
        }
        if (natGateways !== "none" && !args.privateSubnets) {
            throw new Error(`'natGateways: ${natGateways}' requires 'privateSubnets': NAT gateways route the private subnets to the internet, and there are none`);
        }
        if (args.ssmEndpoints && !args.region) {
            throw new Error("'ssmEndpoints' requires 'region'");
        }

        if (args.existing) {
            this.vpcId = pulumi.output(args.existing.vpcId);
            this.publicSubnetIds = [];
            this.privateSubnetIds = [];
            this.serverSubnetIds = args.existing.subnetIds.map(id => pulumi.output(id));
            this.ssmEndpointIds = [];
            this.natGatewayIds = [];
            this.natPublicIps = [];
            this.registerOutputs({ vpcId: this.vpcId, serverSubnetIds: this.serverSubnetIds });
            return;
        }

        const azs = args.availabilityZones ?? [];
        if (azs.length < 1 || azs.length > 6) {
            throw new Error(`'availabilityZones' must name 1 to 6 zones, got ${azs.length}`);
        }
        const vpcCidr = args.vpcCidr ?? "10.0.0.0/16";
        const tags = args.tags ?? {};
        const prefix = args.namePrefix ?? name;
        const nameTag = (suffix: string) => ({ ...tags, Name: `${prefix}-${suffix}` });
        const child = { parent: this };

        const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock: vpcCidr,
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: nameTag("vpc"),
        }, child);

        // Take the VPC's default security group under management with no rules, so nothing can use it by accident.
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, {
            vpcId: vpc.id,
            ingress: [],
            egress: [],
            tags: nameTag("default-sg-closed"),
        }, child);

        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: nameTag("igw") }, child);
        const publicRoutes = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: nameTag("public") }, child);
        new aws.ec2.Route(`${name}-public-default`, {
            routeTableId: publicRoutes.id,
            destinationCidrBlock: "0.0.0.0/0",
            gatewayId: igw.id,
        }, child);

        // Slots of /prefix+4: public subnets take 0..5, private subnets 8..13, so adding zones never moves a subnet.
        const publicSubnets = azs.map((az, i) => {
            const subnet = new aws.ec2.Subnet(`${name}-public-${az}`, {
                vpcId: vpc.id,
                availabilityZone: az,
                cidrBlock: cidrSubnet(vpcCidr, 4, i),
                mapPublicIpOnLaunch: args.mapPublicIpOnLaunch ?? false,
                tags: nameTag(`public-${az}`),
            }, child);
            new aws.ec2.RouteTableAssociation(`${name}-public-${az}`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, child);
            return subnet;
        });

        // NAT gateways sit in public subnets: "single" in the first zone, "perAz" in each. Each has its own Elastic IP.
        const natZones = natGateways === "perAz" ? azs : natGateways === "single" ? azs.slice(0, 1) : [];
        const nats = natZones.map(az => {
            const eip = new aws.ec2.Eip(`${name}-nat-${az}`, { domain: "vpc", tags: nameTag(`nat-${az}`) }, child);
            const nat = new aws.ec2.NatGateway(`${name}-nat-${az}`, {
                allocationId: eip.id,
                subnetId: publicSubnets[azs.indexOf(az)].id,
                connectivityType: "public",
                tags: nameTag(`nat-${az}`),
            }, {
                ...child,
                // A public NAT gateway reaches the internet through the VPC's internet gateway, and nothing in its
                // inputs refers to it: the provider's docs ask for this explicit dependency (aws.ec2.NatGateway
                // "Public NAT" example; terraform-provider-aws docs/r/nat_gateway: "it is recommended to denote
                // that the NAT Gateway depends on the Internet Gateway"), and a destroy then removes the NAT first.
                dependsOn: [igw],
                // Its Elastic IP can be held by one NAT gateway at a time (Resource.AlreadyAssociated): a replacement
                // must delete the old gateway first. The private subnets lose outbound access until the new one is up.
                deleteBeforeReplace: true,
            });
            return { eip, nat };
        });

        let privateSubnets: aws.ec2.Subnet[] = [];
        if (args.privateSubnets) {
            // Without NAT (and with one NAT) the private subnets share one route table, today's `<name>-private-rt`;
            // without NAT it has only the VPC-local route: no path to the internet. With a NAT per zone, each zone
            // gets its own table, so a zone's servers never depend on another zone's NAT gateway.
            const routeTable = (suffix: string, tag: string, nat: aws.ec2.NatGateway | undefined) => {
                const table = new aws.ec2.RouteTable(`${name}-private-rt${suffix}`, { vpcId: vpc.id, tags: nameTag(tag) }, child);
                if (nat) {
                    new aws.ec2.Route(`${name}-private-default${suffix}`, {
                        routeTableId: table.id,
                        destinationCidrBlock: "0.0.0.0/0",
                        natGatewayId: nat.id,
                    }, child);
                }
                return table;
            };
            const shared = natGateways === "perAz" ? undefined : routeTable("", "private", nats[0]?.nat);
            privateSubnets = azs.map((az, i) => {
                const subnet = new aws.ec2.Subnet(`${name}-private-${az}`, {
                    vpcId: vpc.id,
                    availabilityZone: az,
                    cidrBlock: cidrSubnet(vpcCidr, 4, 8 + i),
                    mapPublicIpOnLaunch: false,
                    tags: nameTag(`private-${az}`),
                }, child);
                const table = shared ?? routeTable(`-${az}`, `private-${az}`, nats[i].nat);
                new aws.ec2.RouteTableAssociation(`${name}-private-${az}`, { subnetId: subnet.id, routeTableId: table.id }, child);
                return subnet;
            });
        }

        const serverSubnets = args.serversInPrivateSubnets ? privateSubnets : publicSubnets;
        const endpointIds: pulumi.Output<string>[] = [];
        if (args.ssmEndpoints) {
            const endpointSg = new aws.ec2.SecurityGroup(`${name}-ssm-endpoints`, {
                vpcId: vpc.id,
                description: "Session Manager interface endpoints: HTTPS from the VPC",
                tags: nameTag("ssm-endpoints"),
            }, child);
            new aws.vpc.SecurityGroupIngressRule(`${name}-ssm-endpoints-https`, {
                securityGroupId: endpointSg.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: vpc.cidrBlock,
                description: "HTTPS from the VPC to the Session Manager endpoints",
                tags: nameTag("ssm-endpoints-https"),
            }, child);
            for (const service of SSM_ENDPOINT_SERVICES) {
                const endpoint = new aws.ec2.VpcEndpoint(`${name}-${service}`, {
                    vpcId: vpc.id,
                    serviceName: `com.amazonaws.${args.region}.${service}`,
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: serverSubnets.map(s => s.id),
                    securityGroupIds: [endpointSg.id],
                    tags: nameTag(service),
                }, child);
                endpointIds.push(endpoint.id);
            }
        }

        this.vpcId = vpc.id;
        this.vpcCidr = vpc.cidrBlock;
        this.publicSubnetIds = publicSubnets.map(s => s.id);
        this.privateSubnetIds = privateSubnets.map(s => s.id);
        this.serverSubnetIds = serverSubnets.map(s => s.id);
        this.ssmEndpointIds = endpointIds;
        this.natGatewayIds = nats.map(n => n.nat.id);
        this.natPublicIps = nats.map(n => n.eip.publicIp);
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            serverSubnetIds: this.serverSubnetIds,
            ssmEndpointIds: this.ssmEndpointIds,
            natGatewayIds: this.natGatewayIds,
            natPublicIps: this.natPublicIps,
        });
    }
}

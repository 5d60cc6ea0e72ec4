import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { SSM_ENDPOINT_SERVICES } from "./aws-facts";
import { cidrSubnet } from "./cidr";

export interface NetworkArgs {
    /**
     * Adopt an existing VPC and subnets instead of creating a network. No network resource is created;
     * `vpcId` and `serverSubnetIds` pass the given ids through.
     */
    existing?: { vpcId: string; subnetIds: string[] };
    /** IPv4 CIDR of the new VPC; subnets are carved from it as /prefix+4 blocks. @default "10.0.0.0/16" */
    vpcCidr?: string;
    /** Names of the availability zones to use, one public (and one private) subnet in each. */
    availabilityZones?: string[];
    /** Also create private subnets (no route to the internet). @default false */
    privateSubnets?: boolean;
    /** Put the servers in the private subnets. Requires `privateSubnets`. @default false */
    serversInPrivateSubnets?: boolean;
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
    /** Region, for the endpoint service names (`com.amazonaws.<region>.ssm`). Required with `ssmEndpoints`. */
    region?: string;
    /** Prefix of the Name tags. @default the component name */
    namePrefix?: string;
    /** Tags for every resource (besides the provider's default tags). */
    tags?: Record<string, string>;
}

/**
 * A VPC with DNS, public subnets (and optionally private ones) across availability zones, an internet gateway and
 * routes, the VPC's default security group closed, and optional Session Manager endpoints. Or an adopted network.
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

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ec2-server:network:Network", name, {}, opts);
        if (args.existing && (args.vpcCidr !== undefined || args.availabilityZones !== undefined || args.privateSubnets || args.ssmEndpoints)) {
            throw new Error("Cannot specify both 'existing' and 'vpcCidr', 'availabilityZones', 'privateSubnets' or 'ssmEndpoints'");
        }
        if (args.serversInPrivateSubnets && !args.privateSubnets) {
            throw new Error("'serversInPrivateSubnets' requires 'privateSubnets'");
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

        let privateSubnets: aws.ec2.Subnet[] = [];
        if (args.privateSubnets) {
            // Private subnets get their own route table with only the VPC-local route: no path to the internet.
            const privateRoutes = new aws.ec2.RouteTable(`${name}-private-rt`, { vpcId: vpc.id, tags: nameTag("private") }, child);
            privateSubnets = azs.map((az, i) => {
                const subnet = new aws.ec2.Subnet(`${name}-private-${az}`, {
                    vpcId: vpc.id,
                    availabilityZone: az,
                    cidrBlock: cidrSubnet(vpcCidr, 4, 8 + i),
                    mapPublicIpOnLaunch: false,
                    tags: nameTag(`private-${az}`),
                }, child);
                new aws.ec2.RouteTableAssociation(`${name}-private-${az}`, { subnetId: subnet.id, routeTableId: privateRoutes.id }, child);
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
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            serverSubnetIds: this.serverSubnetIds,
            ssmEndpointIds: this.ssmEndpointIds,
        });
    }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { elastiCacheAccessString } from "../../shared/access";
import { createAlarmResources } from "../backup/alarms";
import { EXPORT_FUNCTION_HANDLER, EXPORT_FUNCTION_RUNTIME, FunctionBundleName, functionCode } from "../backup/bundle";
import { PolicyDocument, elastiCacheGrant } from "../backup/grants";
import { AccountScope, accountScope, assumeRolePolicy } from "../backup/policies";
import { storeCredentials } from "../credentials";
import { DashboardPanel } from "../monitoring/dashboard";
import { IngressSource, redisIngressRule } from "../network";
import { CredentialedUser, ServiceUserSpec } from "../rbac";
import { RestoreDrillSettings } from "./settings";
import { CANARY_KEY, CANARY_USER, DRILL_ENV, DRILL_USER, canaryAccessString, drillUserId } from "./contract";
import { restoreDrillDefinition } from "./definition";
import { drillAlarms, drillPanels } from "./monitoring";
import { DrillExportAccess, controlFunctionPolicy, scheduleRolePolicy, stateMachinePolicy, vpcFunctionPolicy } from "./policies";

/** The drill's ACL users: the canary on its one key, and the read-only validation user, with user ids within ElastiCache's 40 characters. */
export function restoreDrillUsers(settings: RestoreDrillSettings | undefined, replicationGroupId: string): ServiceUserSpec[] {
    if (!settings) return [];
    return [
        { name: CANARY_USER, accessString: canaryAccessString(), userId: drillUserId(replicationGroupId, CANARY_USER) },
        { name: DRILL_USER, accessString: elastiCacheAccessString("readonly"), userId: drillUserId(replicationGroupId, DRILL_USER) },
    ];
}

export interface RestoreDrillResourceArgs {
    replicationGroupId: string;
    /** The cache: the drill copies its subnet group, security group, user group and parameter group. */
    replicationGroup: aws.elasticache.ReplicationGroup;
    /** The drill's users as `createRbac` made them, by name. */
    users: Record<string, CredentialedUser>;
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<string>[];
    port: number;
    nodeType: string;
    /** The cache's shards in cluster mode; undefined without cluster mode. */
    shards?: number;
    /** The bucket the cache's snapshots are exported to, when exports are on: drills then restore the newest export. */
    exportBucketName?: pulumi.Input<string>;
    kmsKeyArn: pulumi.Input<string>;
    topicArn: pulumi.Input<string>;
    logRetentionDays: number;
    tags: pulumi.Input<Record<string, string>>;
    region?: string;
}

export interface RestoreDrill {
    stateMachine: aws.sfn.StateMachine;
    canaryFunction: aws.lambda.Function;
    /** The drill's panels for the cache's dashboard. */
    panels: DashboardPanel[];
}

const HTTPS = 443;

/**
 * The canary, the drill's state machine with its two functions, their schedules, roles, network
 * access and alarms. The functions that talk to Redis run in the cache's subnets with a security
 * group of their own, which the cache's group admits as one more named source.
 */
export function createRestoreDrill(
    name: string,
    settings: RestoreDrillSettings,
    wiring: RestoreDrillResourceArgs,
    parent: pulumi.Resource,
): RestoreDrill {
    const opts = { parent };
    const { replicationGroupId: group, replicationGroup, region, tags } = wiring;
    const scope = accountScope(region, parent);
    const secrets = storeCredentials(
        name,
        [wiring.users[CANARY_USER], wiring.users[DRILL_USER]],
        {
            replicationGroupId: group,
            kmsKeyArn: wiring.kmsKeyArn,
            primaryEndpoint: replicationGroup.primaryEndpointAddress,
            readerEndpoint: replicationGroup.readerEndpointAddress,
            configurationEndpoint: wiring.shards === undefined ? undefined : replicationGroup.configurationEndpointAddress,
            port: wiring.port,
            tags,
            region,
        },
        parent,
    );

    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-restore-drill-sg`,
        {
            description: `Restore drill functions of ${group}: Redis on port ${wiring.port} of the cache's group, HTTPS to AWS APIs`,
            vpcId: wiring.vpcId,
            revokeRulesOnDelete: true,
            region,
            tags,
        },
        opts,
    );
    const cacheSecurityGroupId = replicationGroup.securityGroupIds.apply((ids) => ids[0]);
    const egress = (suffix: string, port: number, source: IngressSource, description: string) =>
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-restore-drill-egress-${suffix}`,
            { securityGroupId: securityGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port, description, region, tags, ...source },
            opts,
        );
    egress("redis", wiring.port, { referencedSecurityGroupId: cacheSecurityGroupId }, "Redis on the cache and its drill copies");
    egress("https", HTTPS, { cidrIpv4: "0.0.0.0/0" }, "Secrets Manager, through a VPC endpoint or NAT");
    redisIngressRule(
        `${name}-ingress-restore-drill`,
        { securityGroupId: cacheSecurityGroupId, port: wiring.port, tags, region },
        { referencedSecurityGroupId: securityGroup.id },
        "Restore drill canary and validation functions",
        parent,
    );

    const lambda = (suffix: string, bundle: FunctionBundleName, description: string, fn: FunctionSpec) => {
        const functionName = `${group}-${suffix}`;
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-${suffix}-logs`,
            { name: `/aws/lambda/${functionName}`, retentionInDays: wiring.logRetentionDays, kmsKeyId: wiring.kmsKeyArn, region, tags },
            opts,
        );
        const role = new aws.iam.Role(
            `${name}-${suffix}`,
            { description, assumeRolePolicy: JSON.stringify(assumeRolePolicy("lambda.amazonaws.com")), tags },
            opts,
        );
        const policy = new aws.iam.RolePolicy(
            `${name}-${suffix}`,
            {
                role: role.id,
                policy: pulumi
                    .all([scope, logGroup.arn, fn.policyInputs])
                    .apply(([s, logGroupArn, inputs]) => JSON.stringify(fn.policy(s, logGroupArn, inputs))),
            },
            opts,
        );
        return new aws.lambda.Function(
            `${name}-${suffix}`,
            {
                name: functionName,
                description,
                runtime: EXPORT_FUNCTION_RUNTIME,
                handler: EXPORT_FUNCTION_HANDLER,
                code: functionCode(bundle),
                role: role.arn,
                timeout: fn.timeoutSeconds,
                memorySize: 256,
                environment: { variables: fn.environment },
                vpcConfig: fn.inVpc ? { subnetIds: wiring.subnetIds, securityGroupIds: [securityGroup.id] } : undefined,
                loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
                region,
                tags,
            },
            { parent, dependsOn: [logGroup, policy] },
        );
    };
    const readsSecret = (secret: aws.secretsmanager.Secret): Pick<FunctionSpec, "policyInputs" | "policy" | "inVpc"> => ({
        inVpc: true,
        policyInputs: pulumi.all({ secretArn: secret.arn, kmsKeyArn: wiring.kmsKeyArn }),
        policy: (s, logGroupArn, inputs) =>
            vpcFunctionPolicy({ ...s, logGroupArn, ...(inputs as { secretArn: string; kmsKeyArn: string }) }),
    });

    const canary = lambda("restore-canary", "restore-drill-canary", `Writes the restore drill canary of ${group} every minute`, {
        ...readsSecret(secrets[CANARY_USER]),
        timeoutSeconds: 20,
        environment: { [DRILL_ENV.secretArn]: secrets[CANARY_USER].arn, [DRILL_ENV.canaryKey]: CANARY_KEY },
    });
    const validate = lambda("restore-validate", "restore-drill-validate", `Validates restore drill copies of ${group} over TLS`, {
        ...readsSecret(secrets[DRILL_USER]),
        timeoutSeconds: 300,
        environment: { [DRILL_ENV.secretArn]: secrets[DRILL_USER].arn, [DRILL_ENV.canaryKey]: CANARY_KEY },
    });
    const userGroupId = replicationGroup.userGroupIds.apply((ids) => (ids ?? [])[0]);
    const exports = exportAccess(wiring, scope, parent);
    const control = lambda("restore-drill", "restore-drill-control", `Creates, checks and deletes restore drill groups of ${group}`, {
        inVpc: false,
        timeoutSeconds: 120,
        policyInputs: pulumi.all({
            subnetGroupName: replicationGroup.subnetGroupName,
            userGroupId,
            parameterGroupName: replicationGroup.parameterGroupName,
            kmsKeyArn: wiring.kmsKeyArn,
            exports,
        }),
        policy: (s, logGroupArn, inputs) =>
            controlFunctionPolicy({
                ...s,
                ...(inputs as {
                    subnetGroupName: string;
                    userGroupId: string;
                    parameterGroupName: string;
                    kmsKeyArn: string;
                    exports?: DrillExportAccess;
                }),
                logGroupArn,
                sourceGroupId: group,
                nodeType: wiring.nodeType,
            }),
        environment: withExports(exports && exportEnvironment(exports, scope), {
            [DRILL_ENV.sourceGroupId]: group,
            [DRILL_ENV.subnetGroupName]: replicationGroup.subnetGroupName,
            [DRILL_ENV.securityGroupId]: cacheSecurityGroupId,
            [DRILL_ENV.userGroupId]: userGroupId,
            [DRILL_ENV.parameterGroupName]: replicationGroup.parameterGroupName,
            [DRILL_ENV.kmsKeyArn]: wiring.kmsKeyArn,
            [DRILL_ENV.nodeType]: wiring.nodeType,
            [DRILL_ENV.port]: String(wiring.port),
            [DRILL_ENV.maxOrphanAgeHours]: String(Math.ceil(settings.timeoutSeconds / 3600)),
            ...(wiring.shards === undefined ? {} : { [DRILL_ENV.shards]: String(wiring.shards) }),
        }),
    });

    const schedule = (suffix: string, description: string, scheduleExpression: string, fn: aws.lambda.Function, input?: object) => {
        const rule = new aws.cloudwatch.EventRule(
            `${name}-${suffix}`,
            { name: `${group}-${suffix}`, description, scheduleExpression, region, tags },
            opts,
        );
        new aws.cloudwatch.EventTarget(
            `${name}-${suffix}`,
            { rule: rule.name, arn: fn.arn, input: input && JSON.stringify(input), region },
            opts,
        );
        new aws.lambda.Permission(
            `${name}-${suffix}`,
            { function: fn.name, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: rule.arn, region },
            opts,
        );
    };
    schedule("restore-canary-schedule", `Writes the restore drill canary of ${group}`, "rate(1 minute)", canary);
    schedule("restore-drill-watchdog", `Publishes the time since the last successful restore drill of ${group}`, "rate(1 hour)", control, {
        action: "watchdog",
    });

    const stateMachineRole = new aws.iam.Role(
        `${name}-restore-drill-machine`,
        {
            description: `Restore drills of ${group}`,
            assumeRolePolicy: scope.accountId.apply((account) => JSON.stringify(assumeRolePolicy("states.amazonaws.com", account))),
            tags,
        },
        opts,
    );
    const machinePolicy = new aws.iam.RolePolicy(
        `${name}-restore-drill-machine`,
        {
            role: stateMachineRole.id,
            policy: pulumi.all([control.arn, validate.arn]).apply((arns) => JSON.stringify(stateMachinePolicy(arns))),
        },
        opts,
    );
    const stateMachineName = `${group}-restore-drill`;
    const stateMachine = new aws.sfn.StateMachine(
        `${name}-restore-drill`,
        {
            name: stateMachineName,
            type: "STANDARD",
            roleArn: stateMachineRole.arn,
            definition: pulumi.all([control.arn, validate.arn]).apply(([controlFunctionArn, validateFunctionArn]) =>
                JSON.stringify(
                    restoreDrillDefinition({
                        controlFunctionArn,
                        validateFunctionArn,
                        pollSeconds: settings.pollSeconds,
                        maxPolls: settings.maxPolls,
                        maxCanaryAgeSeconds: settings.rpoMinutes * 60,
                        keyCountTolerancePercent: settings.keyCountTolerancePercent,
                        sampleSize: settings.sampleSize,
                    }),
                ),
            ),
            region,
            tags,
        },
        { parent, dependsOn: [machinePolicy] },
    );

    const eventsRole = new aws.iam.Role(
        `${name}-restore-drill-schedule`,
        {
            description: `Starts the restore drills of ${group}`,
            assumeRolePolicy: scope.accountId.apply((account) => JSON.stringify(assumeRolePolicy("events.amazonaws.com", account))),
            tags,
        },
        opts,
    );
    new aws.iam.RolePolicy(
        `${name}-restore-drill-schedule`,
        { role: eventsRole.id, policy: stateMachine.arn.apply((arn) => JSON.stringify(scheduleRolePolicy(arn))) },
        opts,
    );
    const rule = new aws.cloudwatch.EventRule(
        `${name}-restore-drill-schedule`,
        {
            name: `${group}-restore-drill-schedule`,
            description: `Starts a restore drill of ${group}`,
            scheduleExpression: settings.scheduleExpression,
            region,
            tags,
        },
        opts,
    );
    new aws.cloudwatch.EventTarget(
        `${name}-restore-drill-schedule`,
        { rule: rule.name, arn: stateMachine.arn, roleArn: eventsRole.arn, input: "{}", region },
        opts,
    );

    createAlarmResources(
        name,
        group,
        drillAlarms({ replicationGroupId: group, stateMachineName, canaryFunctionName: `${group}-restore-canary`, settings }),
        { topicArn: wiring.topicArn, tags, region },
        { parent, dependsOn: [stateMachine, canary] },
    );
    return { stateMachine, canaryFunction: canary, panels: drillPanels(group, settings) };
}

/** The export bucket and, where ElastiCache reads seed files through object ACLs (regions enabled by default), the canonical users of the grant. */
function exportAccess(
    wiring: RestoreDrillResourceArgs,
    scope: pulumi.Output<AccountScope>,
    parent: pulumi.Resource,
): pulumi.Output<DrillExportAccess> | undefined {
    if (wiring.exportBucketName === undefined) return undefined;
    const owner = aws.s3.getCanonicalUserIdOutput({ parent }).id;
    return pulumi.all([wiring.exportBucketName, scope, owner]).apply(([bucketName, s, ownerCanonicalUserId]) => {
        const grant = elastiCacheGrant(s.partition, s.region);
        return {
            bucketName,
            ...(grant.kind === "acl" ? { aclGrant: { elastiCacheCanonicalUserId: grant.canonicalUserId, ownerCanonicalUserId } } : {}),
        };
    });
}

/** The control function's variables for the exports; ElastiCache's grant only where it reads through object ACLs. */
function exportEnvironment(
    exports: pulumi.Output<DrillExportAccess>,
    scope: pulumi.Output<AccountScope>,
): pulumi.Output<Record<string, string>> {
    return pulumi.all([exports, scope]).apply(([e, s]): Record<string, string> => ({
        [DRILL_ENV.exportBucket]: e.bucketName,
        [DRILL_ENV.partition]: s.partition,
        ...(e.aclGrant
            ? {
                  [DRILL_ENV.elastiCacheCanonicalUserId]: e.aclGrant.elastiCacheCanonicalUserId,
                  [DRILL_ENV.ownerCanonicalUserId]: e.aclGrant.ownerCanonicalUserId,
              }
            : {}),
    }));
}

function withExports(
    exportVariables: pulumi.Output<Record<string, string>> | undefined,
    variables: Record<string, pulumi.Input<string>>,
): pulumi.Input<Record<string, pulumi.Input<string>>> {
    return exportVariables ? pulumi.all([variables, exportVariables]).apply(([base, extra]) => ({ ...base, ...extra })) : variables;
}

interface FunctionSpec {
    inVpc: boolean;
    timeoutSeconds: number;
    environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
    policyInputs: pulumi.Output<unknown>;
    policy: (scope: AccountScope, logGroupArn: string, inputs: unknown) => PolicyDocument;
}

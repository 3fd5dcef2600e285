import { InvokeMock, OFFLINE_ACCOUNT_ID, OFFLINE_REGION } from "hardened-redis-gate";
import { MockDeployment, RecordedResource, isSecretValue } from "../../lab/mock-deployment";

export { SECRET_SIG, SECRET_SIG_KEY, isSecretValue, mockHex, mockPassword, promiseOf, unwrapSecret } from "../../lab/mock-deployment";
export type { RecordedResource, InvokeMock };

export const MOCK_ACCOUNT_ID = OFFLINE_ACCOUNT_ID;
export const MOCK_REGION = OFFLINE_REGION;

/** Outputs a real provider would compute on create, so that tests can follow them through. */
function computedOutputs(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
    const region = inputs.region ?? MOCK_REGION;
    const arn = `arn:aws:${type.split(":")[1]?.split("/")[0]}:${region}:${MOCK_ACCOUNT_ID}:${name}`;
    switch (type) {
        case "aws:elasticache/replicationGroup:ReplicationGroup":
            // A cluster-mode group has a configuration endpoint instead of primary and reader endpoints.
            return inputs.replicasPerNodeGroup === undefined
                ? {
                      arn,
                      primaryEndpointAddress: `master.${inputs.replicationGroupId}.abc123.${region}.cache.amazonaws.com`,
                      readerEndpointAddress: `replica.${inputs.replicationGroupId}.abc123.${region}.cache.amazonaws.com`,
                      memberClusters: [],
                  }
                : {
                      arn,
                      configurationEndpointAddress: `clustercfg.${inputs.replicationGroupId}.abc123.${region}.cache.amazonaws.com`,
                      memberClusters: [],
                  };
        case "aws:elasticache/serverlessCache:ServerlessCache":
            return {
                arn,
                endpoints: [{ address: `${inputs.name}-abc123.serverless.${region}.cache.amazonaws.com`, port: 6379 }],
                readerEndpoints: [{ address: `${inputs.name}-abc123.serverless.${region}.cache.amazonaws.com`, port: 6380 }],
            };
        case "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup":
            return { arn, globalReplicationGroupId: `ldgnf-${inputs.globalReplicationGroupIdSuffix}` };
        case "aws:kms/key:Key":
            return { arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${name}`, keyId: `${name}-key-id` };
        default:
            return { arn, name: inputs.name ?? `${name}-physical` };
    }
}

/** A `MockDeployment` that also computes the outputs AWS would on create, so that tests can follow them through. */
export class MockHarness extends MockDeployment {
    protected override computedOutputs(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
        return computedOutputs(type, name, inputs);
    }

    protected override physicalId(type: string, name: string, inputs: Record<string, any>): string {
        if (type === "aws:elasticache/replicationGroup:ReplicationGroup") return inputs.replicationGroupId;
        if (type === "aws:ec2/securityGroup:SecurityGroup") return `sg-${name}`;
        return super.physicalId(type, name, inputs);
    }
}

/** Every string reachable in a value, skipping parts that are secret. */
export function plainStrings(value: unknown): string[] {
    if (isSecretValue(value)) return [];
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(plainStrings);
    if (value && typeof value === "object") return Object.values(value).flatMap(plainStrings);
    return [];
}

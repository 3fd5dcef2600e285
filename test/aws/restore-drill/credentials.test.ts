import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { readCredentials } from "../../../components/aws/restore-drill/functions/redis";

const secrets = mockClient(SecretsManagerClient);
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-restore-drill-credentials";

beforeEach(() => secrets.reset());

describe("the drill functions' credentials", () => {
    it("are read from the one secret the function is given, as the component stores them", async () => {
        const stored = {
            username: "restore-drill",
            password: "Pw-0123456789abcdef",
            host: "master.orders.abc123.euw1.cache.amazonaws.com",
            readerHost: "replica.orders",
            port: 6380,
            tls: true,
        };
        secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: JSON.stringify(stored) });
        expect(await readCredentials(new SecretsManagerClient({ region: "eu-west-1" }), SECRET_ARN)).toEqual(stored);
        expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([{ SecretId: SECRET_ARN }]);
    });

    it("fail with the secret's name, and not its value, when a field is missing", async () => {
        secrets
            .on(GetSecretValueCommand)
            .resolves({ SecretString: JSON.stringify({ username: "restore-drill", password: "Pw-0123456789abcdef", port: 6380 }) });
        const failure = readCredentials(new SecretsManagerClient({ region: "eu-west-1" }), SECRET_ARN);
        await expect(failure).rejects.toMatchObject({
            name: "DrillConfigurationError",
            message: `The secret ${SECRET_ARN} lacks username, password, host or port.`,
        });
        await expect(readCredentials(new SecretsManagerClient({ region: "eu-west-1" }), SECRET_ARN)).rejects.not.toThrow(
            /Pw-0123456789abcdef/,
        );
    });

    it("pass on an AccessDenied of Secrets Manager unchanged", async () => {
        secrets
            .on(GetSecretValueCommand)
            .rejects(
                Object.assign(new Error("not authorized to perform secretsmanager:GetSecretValue"), { name: "AccessDeniedException" }),
            );
        await expect(readCredentials(new SecretsManagerClient({ region: "eu-west-1" }), SECRET_ARN)).rejects.toMatchObject({
            name: "AccessDeniedException",
        });
    });
});

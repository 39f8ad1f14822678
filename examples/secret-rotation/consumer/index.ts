/**
 * The consumer of a rotated secret: an application's stack that reads the OAuth client's id and
 * secret from the producer stack (../index.ts) with a StackReference, so every `pulumi up` here
 * picks up the newest secret. It needs no access to Genesys Cloud, only read access to the
 * producer stack.
 *
 * Stack config (namespace `genesys-oauth-secret-rotation-consumer`):
 * - `producerStack` (required): `<organization>/genesys-oauth-secret-rotation/<stack>`.
 */
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const producer = new pulumi.StackReference(config.require("producerStack"));

// requireOutput fails the run when the producer has no such output (a typo, or never deployed),
// instead of handing the app an empty secret. A secret output stays a secret here.
const clientId = producer.requireOutput("clientId");
const clientSecret = producer.requireOutput("clientSecret");
const secretIssuedAt = producer.requireOutput("secretIssuedAt");

// The settings the app is deployed with, as an env file. In a real stack, hand them to the
// resource that delivers them to the app instead of exporting them, e.g. with @pulumi/kubernetes:
//   new k8s.core.v1.Secret("genesys", {
//     stringData: { GENESYS_CLIENT_ID: clientId, GENESYS_CLIENT_SECRET: clientSecret },
//   });
// That resource then updates whenever the producer has rotated the secret and this stack runs.
export const appEnv = pulumi.secret(
  pulumi.interpolate`GENESYS_CLIENT_ID=${clientId}\nGENESYS_CLIENT_SECRET=${clientSecret}\n`,
);

// Which secret this stack last deployed (not secret): compare with the producer's output.
export const deployedSecretIssuedAt = secretIssuedAt;

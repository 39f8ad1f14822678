/**
 * pulumi-genesyscloud-oauth: manage Genesys Cloud OAuth clients as code.
 *
 * The public surface. This file only re-exports.
 */
export * from "./api/models";

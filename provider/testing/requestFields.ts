/**
 * The fields that several `pulumirpc.ResourceProvider` requests share, set in one place so every
 * RPC of the client addresses a resource the same way the engine does.
 */
import type { DiffArgs } from "./client";
import type { SdkModules } from "./sdk";
import { nameOfUrn, typeOfUrn } from "./stack";
import type { JsonMap } from "./values";

/** A `google.protobuf.Struct` of the SDK's protobuf copy. */
type Struct = InstanceType<SdkModules["struct"]["Struct"]>;

/** The setters of the fields every request about one resource carries. */
export interface ResourceRequest {
  /** Sets the resource's URN. */
  setUrn(value: string): unknown;
  /** Sets the resource's name. */
  setName(value: string): unknown;
  /** Sets the resource's type token. */
  setType(value: string): unknown;
}

/** A request about a resource that exists: it carries the ID too. */
export interface ExistingResourceRequest extends ResourceRequest {
  /** Sets the resource's ID. */
  setId(value: string): unknown;
}

/** The setters Diff and Update share. */
export interface ChangeRequest extends ExistingResourceRequest {
  /** Sets the old outputs. */
  setOlds(value?: Struct): unknown;
  /** Sets the new checked inputs. */
  setNews(value?: Struct): unknown;
  /** Sets the old inputs. */
  setOldInputs(value?: Struct): unknown;
  /** Sets the property paths whose changes are ignored. */
  setIgnorechangesList(value: string[]): unknown;
}

/** Sets the URN, and the name and type spelled in it, as the engine sends them. */
export function addressed<R extends ResourceRequest>(req: R, urn: string): R {
  req.setUrn(urn);
  req.setName(nameOfUrn(urn));
  req.setType(typeOfUrn(urn));
  return req;
}

/** {@link addressed}, plus the resource's ID. */
export function identified<R extends ExistingResourceRequest>(req: R, id: string, urn: string): R {
  req.setId(id);
  return addressed(req, urn);
}

/** {@link identified}, plus the change's olds, news, old inputs and ignored paths. */
export function changed<R extends ChangeRequest>(
  req: R,
  args: DiffArgs,
  struct: (map: JsonMap) => Struct,
): R {
  identified(req, args.id, args.urn);
  req.setOlds(struct(args.olds));
  req.setNews(struct(args.news));
  req.setOldInputs(struct(args.oldInputs));
  req.setIgnorechangesList(args.ignoreChanges ?? []);
  return req;
}

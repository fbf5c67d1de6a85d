import { describe, expectTypeOf, it } from "vitest";
import type { components } from "../generated/openapi.js";
import type { ComponentNames, EventBatch, RoomEventBatch, SchemaName, SchemaTypes, TimelineBatch } from "../src/index.js";

/** The listed keys of a type, each required: open types are assignable to each other whatever they list. */
type Listed<T> = Required<{ [K in keyof T as string extends K ? never : K]: T[K] }>;
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `true` when A and the named type are assignable to each other, and so are their listed keys, for each of `Names` apart. */
type Mutual<A, Names> = Names extends SchemaName
  ? Assignable<A, SchemaTypes[Names]> extends true
    ? Assignable<Listed<A>, Listed<SchemaTypes[Names]>>
    : false
  : never;

type Components = components["schemas"];

describe("ComponentNames: openapi-typescript's component names and the package's named types", () => {
  it("lists every component of the document", () => {
    expectTypeOf<keyof ComponentNames>().toEqualTypeOf<keyof Components>();
  });

  it("pairs each component with named types assignable to it and back", () => {
    expectTypeOf<{ [K in keyof ComponentNames]: Mutual<Components[K], ComponentNames[K]> }>().toEqualTypeOf<{
      Event: true;
      RoomEventBatch: true;
      TimelineBatch: true;
      EventBatch: true;
    }>();
  });

  it("exports openapi-typescript's names where they differ, as the components themselves", () => {
    expectTypeOf<RoomEventBatch>().toEqualTypeOf<Components["RoomEventBatch"]>();
    expectTypeOf<TimelineBatch>().toEqualTypeOf<Components["TimelineBatch"]>();
    expectTypeOf<EventBatch>().toEqualTypeOf<Components["EventBatch"]>();
  });

  it("tells apart shapes that differ", () => {
    expectTypeOf<Mutual<Components["TimelineBatch"], "State">>().toEqualTypeOf<false>();
    expectTypeOf<Mutual<Components["EventBatch"], "State">>().toEqualTypeOf<false>();
  });
});

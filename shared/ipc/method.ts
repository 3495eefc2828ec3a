// The building block of the IPC contract: a zod schema for the params, and the result type.
import { z } from 'zod';

export function method<Result>() {
  return <Params extends z.ZodType>(params: Params) => ({ params, result: null as unknown as Result });
}

export const noParams = z.object({}).strict();

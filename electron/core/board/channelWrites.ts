// A school's channels in board mode (issue 16): planned on the fresh copy with the consent domain's own checks, then
// saved on the board under the school's registry lock in one transaction with the same event a laptop logs, and the
// copy fetched again — every workstation of the school picks the change up at its next refresh. The school's
// administrator and the board's privacy officer may; the database refuses communications staff (board.notAllowed).
import type { Channel } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import {
  channelAddEvent,
  channelDeleteEvent,
  channelRenameEvent,
  channelRetireEvent,
  getChannel,
  planAddChannel,
  planRenameChannel,
  planRetireChannel,
  type AddChannelInput,
  type RenameChannelInput,
  type RetireChannelInput,
} from '../consent';
import {
  deleteBoardChannel,
  insertBoardChannel,
  updateBoardChannelLabels,
  updateBoardChannelRetired,
} from './channelRepository';
import { onBoardRegistry, type BoardRegistryContext } from './registryWrites';

const refused = (id: string) => new AppError('board.notAllowed', { detail: `channel ${id}` });

export async function boardAddChannel(
  context: Readonly<BoardRegistryContext>,
  input: Readonly<AddChannelInput>,
): Promise<Channel> {
  const id = await onBoardRegistry(
    context,
    () => planAddChannel(context.db, input),
    async (plan, snapshot, log) => {
      await insertBoardChannel(context.sql, snapshot.schoolId, plan);
      log(channelAddEvent(plan));
      return plan.id;
    },
  );
  return getChannel(context.db, id);
}

export async function boardRenameChannel(
  context: Readonly<BoardRegistryContext>,
  input: Readonly<RenameChannelInput>,
): Promise<Channel> {
  await onBoardRegistry(
    context,
    () => planRenameChannel(context.db, input),
    async (plan, snapshot, log) => {
      if (!plan) return;
      const changed = await updateBoardChannelLabels(
        context.sql,
        snapshot.schoolId,
        input.id,
        plan.labelNl,
        plan.labelEn,
      );
      if (changed !== 1) throw refused(input.id);
      log(channelRenameEvent(plan));
    },
  );
  return getChannel(context.db, input.id);
}

export async function boardRetireChannel(
  context: Readonly<BoardRegistryContext>,
  input: Readonly<RetireChannelInput>,
): Promise<Channel> {
  await onBoardRegistry(
    context,
    () => planRetireChannel(context.db, input),
    async (plan, snapshot, log) => {
      if (!plan) return;
      const changed = await updateBoardChannelRetired(context.sql, snapshot.schoolId, input.id, plan.retire);
      if (changed !== 1) throw refused(input.id);
      log(channelRetireEvent(plan));
    },
  );
  return getChannel(context.db, input.id);
}

/** Deletes a channel nothing refers to on the board (consent versions, exports); a used one is only retired. */
export async function boardDeleteChannel(
  context: Readonly<BoardRegistryContext>,
  input: { readonly id: string },
): Promise<void> {
  await onBoardRegistry(
    context,
    () => getChannel(context.db, input.id),
    async (channel, snapshot, log) => {
      if ((await deleteBoardChannel(context.sql, snapshot.schoolId, input.id)) === 'inUse')
        throw new AppError('consent.channel.inUse', { channel: input.id });
      log(channelDeleteEvent(channel));
    },
  );
}

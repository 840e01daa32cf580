/**
 * Thrown when data at the target does not match the source after the allowed repairs.
 *
 * @public
 */
export class TransferIntegrityError extends Error {
  readonly name = 'TransferIntegrityError';
  constructor(
    message: string,
    readonly objectId: string,
    readonly chunks: number[],
  ) {
    super(message);
  }
}

/**
 * The failure converter of every worker and client (loaded by path: `failureConverterPath`). It
 * moves a failure's message and stack trace into an encoded payload, so the payload codec
 * encrypts them: an error message may quote an applicant's name or address.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });

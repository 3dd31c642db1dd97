/** The signed-in user's own account (every role): password and TOTP. */
import { accountSummary, changePasswordInput, confirmTotpInput, disableTotpInput, totpEnrolment } from "../contracts/account";
import { endedSignIns } from "../contracts/users";
import { beginTotpEnrolment, changeOwnPassword, confirmTotpEnrolment, disableOwnTotp, getOwnAccount } from "../services/account";
import { router, viewerProcedure } from "../trpc";

const TAG = "Account";

export const accountRouter = router({
  get: viewerProcedure
    .meta({ summary: "Your account: username, role and whether TOTP protects it", tag: TAG })
    .output(accountSummary)
    .query(({ ctx }) => getOwnAccount(ctx.service)),
  changePassword: viewerProcedure
    .meta({ summary: "Change your password (the current one is required); your other sessions end", tag: TAG })
    .input(changePasswordInput)
    .output(endedSignIns)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.service, input, ctx.sessionToken ?? null)),
  beginTotp: viewerProcedure
    .meta({ summary: "Start setting up TOTP: a new secret to scan, inert until confirmed with a code", tag: TAG })
    .output(totpEnrolment)
    .mutation(({ ctx }) => beginTotpEnrolment(ctx.service)),
  confirmTotp: viewerProcedure
    .meta({ summary: "Turn TOTP on with a current code from the new secret", tag: TAG })
    .input(confirmTotpInput)
    .output(accountSummary)
    .mutation(({ ctx, input }) => confirmTotpEnrolment(ctx.service, input)),
  disableTotp: viewerProcedure
    .meta({ summary: "Remove TOTP from your account (the current password is required)", tag: TAG })
    .input(disableTotpInput)
    .output(accountSummary)
    .mutation(({ ctx, input }) => disableOwnTotp(ctx.service, input)),
});

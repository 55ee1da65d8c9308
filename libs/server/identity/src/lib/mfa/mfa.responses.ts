import { ApiProperty } from '@nestjs/swagger';
import type {
  EnrolledSignIn,
  MfaEnrollmentRequiredResponse,
  MfaPolicy,
  MfaRequiredResponse,
  MfaStatus,
  PasswordResetRequested,
  PasswordResetSent,
  RecoveryCodes,
  TotpEnrollment,
} from '@fieldwork/contracts';
import { AccessTokenBody } from '../identity.responses';

/** Response schemas of passwords and two-step sign-in. */
export class MfaRequiredBody implements MfaRequiredResponse {
  @ApiProperty({ enum: [true] }) mfaRequired!: true;
  @ApiProperty({ description: 'Send it with a code to POST /api/auth/mfa within five minutes' }) mfaToken!: string;
}

export class MfaEnrollmentRequiredBody implements MfaEnrollmentRequiredResponse {
  @ApiProperty({ enum: [true] }) mfaEnrollmentRequired!: true;
  @ApiProperty({ description: 'Enrol with POST /api/auth/mfa/enroll and /confirm within five minutes' }) mfaToken!: string;
}

export class TotpEnrollmentBody implements TotpEnrollment {
  @ApiProperty({ description: 'The secret in base32, to type into an authenticator app' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Fieldwork:ada%40demo.test?secret=…' }) otpauthUrl!: string;
  @ApiProperty({ description: 'The otpauth URL as a QR code (PNG data URL)' }) qrDataUrl!: string;
}

export class RecoveryCodesBody implements RecoveryCodes {
  @ApiProperty({ type: [String], description: 'Ten single-use recovery codes, shown only now' }) recoveryCodes!: string[];
}

export class EnrolledSignInBody extends AccessTokenBody implements EnrolledSignIn {
  @ApiProperty({ type: [String], description: 'Ten single-use recovery codes, shown only now' }) recoveryCodes!: string[];
}

export class MfaStatusBody implements MfaStatus {
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enabledAt!: string | null;
  @ApiProperty({ type: 'integer' }) recoveryCodesLeft!: number;
  @ApiProperty({ description: 'The career center requires it of this person (or an operator in production)' }) required!: boolean;
}

export class MfaPolicyBody implements MfaPolicy {
  @ApiProperty() requireForStaff!: boolean;
}

export class PasswordResetSentBody implements PasswordResetSent {
  @ApiProperty() email!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class PasswordResetRequestedBody implements PasswordResetRequested {
  @ApiProperty({ description: 'The same words whether or not the account exists' }) message!: string;
}

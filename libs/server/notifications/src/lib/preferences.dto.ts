import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, ValidateNested } from 'class-validator';
import { DELIVERY_MODES, type DeliveryMode, type PreferenceKind, type UpdateNotificationPreferencesRequest } from '@fieldwork/contracts';

export class PreferenceDto {
  /** Checked against the kinds the user's role receives by the service. */
  @ApiProperty() @IsString() kind!: PreferenceKind;
  @ApiProperty({ enum: DELIVERY_MODES }) @IsIn(DELIVERY_MODES, { message: `mode must be one of: ${DELIVERY_MODES.join(', ')}` }) mode!: DeliveryMode;
}

export class UpdatePreferencesDto implements UpdateNotificationPreferencesRequest {
  @ApiProperty({ type: [PreferenceDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  preferences!: PreferenceDto[];
}

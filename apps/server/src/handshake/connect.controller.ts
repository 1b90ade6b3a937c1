import { BadGatewayException, BadRequestException, Body, Controller, Post, UnprocessableEntityException, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../api-tokens/api-auth.guard';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ConnectError, HandshakeInitiatorService } from './handshake-initiator.service';

const connectBody = z.object({
  address: z.string().trim().min(1).max(255),
  passCode: z.string().trim().min(1).max(20),
});

@Controller('api/v1/connections')
@UseGuards(ApiAuthGuard)
export class ConnectController {
  constructor(private readonly handshakes: HandshakeInitiatorService) {}

  @Post()
  async connect(@CurrentAccount() account: AuthenticatedAccount, @Body(new ZodValidationPipe(connectBody)) body: z.output<typeof connectBody>) {
    try {
      const connection = await this.handshakes.connect(account, body.address, body.passCode);
      return { id: connection.id, address: connection.otherAddress, name: connection.otherName, acceptsMessages: connection.otherAcceptsMessages };
    } catch (error) {
      if (!(error instanceof ConnectError)) throw error;
      const payload = { error: error.reason, message: error.message };
      if (error.reason === 'unreachable' || error.reason === 'bad_answer') throw new BadGatewayException(payload);
      if (error.reason === 'refused' || error.reason === 'ident_conflict') throw new UnprocessableEntityException(payload);
      throw new BadRequestException(payload);
    }
  }
}

import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ConnectionsModule } from '../connections/connections.module';
import { PassCodesModule } from '../passcodes/passcodes.module';
import { PeersModule } from '../peers/peers.module';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { AuthAttemptLimiter } from './auth-attempt-limiter.service';
import { HandshakeInitiatorService } from './handshake-initiator.service';
import { HandshakeReceiverService } from './handshake-receiver.service';
import { OutgoingHandshakeLimiter } from './outgoing-handshake-limiter.service';
import { PendingHandshakesRepository } from './pending-handshakes.repository';

@Module({
  imports: [AccountsModule, ConnectionsModule, PassCodesModule, PeersModule, RateLimitsModule],
  providers: [
    AuthAttemptLimiter,
    OutgoingHandshakeLimiter,
    PendingHandshakesRepository,
    HandshakeReceiverService,
    HandshakeInitiatorService,
  ],
  exports: [
    HandshakeReceiverService,
    HandshakeInitiatorService,
    AuthAttemptLimiter,
    OutgoingHandshakeLimiter,
    PendingHandshakesRepository,
  ],
})
export class HandshakeModule {}

import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ConnectionsModule } from '../connections/connections.module';
import { PassCodesModule } from '../passcodes/passcodes.module';
import { PeersModule } from '../peers/peers.module';
import { AuthAttemptLimiter } from './auth-attempt-limiter.service';
import { HandshakeInitiatorService } from './handshake-initiator.service';
import { HandshakeReceiverService } from './handshake-receiver.service';
import { PendingHandshakesRepository } from './pending-handshakes.repository';

@Module({
  imports: [AccountsModule, ConnectionsModule, PassCodesModule, PeersModule],
  providers: [AuthAttemptLimiter, PendingHandshakesRepository, HandshakeReceiverService, HandshakeInitiatorService],
  exports: [HandshakeReceiverService, HandshakeInitiatorService, AuthAttemptLimiter, PendingHandshakesRepository],
})
export class HandshakeModule {}

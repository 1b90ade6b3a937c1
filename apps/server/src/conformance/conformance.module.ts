import { Module } from '@nestjs/common';
import { peerClientOptionsProvider } from '../peers/peer-client-options';
import { ConformanceService } from './conformance.service';
import { ProbeRepository } from './probe.repository';

/** The conformance checker (check-peer, check-self): used by the admin CLI beside a running node. */
@Module({ providers: [peerClientOptionsProvider, ProbeRepository, ConformanceService], exports: [ConformanceService] })
export class ConformanceModule {}

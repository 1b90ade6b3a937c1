import { Module } from '@nestjs/common';
import { NodeInfoController } from './node-info.controller';

@Module({ controllers: [NodeInfoController] })
export class NodeInfoModule {}

# Lab strategy: Mitogen's linear strategy (Debian's ansible-mitogen 0.3.3) with one fix for the
# ansible-core 2.14 it ships beside. Since 2.14.18, AnsibleUnsafeText.__str__ returns the subclass
# itself, so mitogen.utils.cast() no longer strips it and the hosts refuse the pickle ("cannot
# unpickle 'ansible.utils.unsafe_proxy'/'AnsibleUnsafeText'", first seen in unarchive's creates=
# check). cast() below turns every str/bytes subclass into the plain type; the rest is Mitogen's.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import mitogen.utils
import ansible_mitogen.loaders
import ansible_mitogen.strategy

_mitogen_cast = mitogen.utils.cast


def _plain_cast(obj):
    if isinstance(obj, str) and type(obj) is not str:
        return str.__add__('', obj)   # PyUnicode_Concat copies a subclass into an exact str
    if isinstance(obj, bytes) and type(obj) is not bytes:
        return bytes.__add__(b'', obj)
    return _mitogen_cast(obj)   # its dict/list walk calls mitogen.utils.cast, i.e. this function


mitogen.utils.cast = _plain_cast

Base = ansible_mitogen.loaders.strategy_loader.get('linear', class_only=True)


class StrategyModule(ansible_mitogen.strategy.StrategyMixin, Base):
    pass
